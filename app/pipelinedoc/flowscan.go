package pipelinedoc

// A small scanner for one YAML flow sequence ("[1, '2', "3"]"). yaml.v3
// gives where each item starts but not where it ends, and adding ", 4"
// needs the exact end of the last item and the separator style in use.
// Anything it does not understand makes it give up (ok=false); the caller
// then refuses to edit rather than guess.

// span is a byte range [start, end) in the scanned source.
type span struct{ start, end int }

// flowSeq is the layout of a scanned flow sequence.
type flowSeq struct {
	items         []span
	trailingComma int // offset of a "," after the last item, or -1
	close         int // offset of the closing "]"
}

// scanFlowSeq scans the sequence whose "[" is at src[open].
func scanFlowSeq(src []byte, open int) (fs flowSeq, ok bool) {
	fs.trailingComma = -1
	wantItem := true // at the start or after a comma
	for i := open + 1; i < len(src); {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == ']':
			fs.close = i
			return fs, true
		case c == ',':
			if wantItem {
				return fs, false // "[,1]" or "[1,,2]"
			}
			fs.trailingComma, wantItem = i, true
			i++
		default:
			if !wantItem {
				return fs, false // two items without a comma
			}
			end, ok := scanFlowItem(src, i)
			if !ok {
				return fs, false
			}
			fs.items = append(fs.items, span{i, end})
			fs.trailingComma, wantItem = -1, false
			i = end
		}
	}
	return fs, false
}

// scanFlowItem returns the end of the item starting at src[i].
func scanFlowItem(src []byte, i int) (int, bool) {
	switch src[i] {
	case '"':
		for j := i + 1; j < len(src); j++ {
			switch src[j] {
			case '\\':
				j++
			case '"':
				return j + 1, true
			}
		}
	case '\'':
		for j := i + 1; j < len(src); j++ {
			if src[j] == '\'' {
				if j+1 < len(src) && src[j+1] == '\'' {
					j++ // '' is an escaped quote
					continue
				}
				return j + 1, true
			}
		}
	case '[', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`':
		// Nested collections, anchors, aliases and tags never hold a step
		// number Pipewright can safely extend.
	default:
		end := i
		for j := i; j < len(src); j++ {
			c := src[j]
			if c == ',' || c == ']' || c == '[' || c == '{' || c == '}' || c == '\n' || c == '\r' {
				break
			}
			if c == '#' && (src[j-1] == ' ' || src[j-1] == '\t') {
				break
			}
			if c != ' ' && c != '\t' {
				end = j + 1
			}
		}
		return end, end > i
	}
	return 0, false
}
