package pipelinedoc

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

const bom = "\uFEFF"

// frontmatter locates the YAML header of a document. All offsets index the
// whole file so edits can be spliced into the original bytes.
type frontmatter struct {
	yamlStart int        // first byte of the YAML text
	yamlEnd   int        // first byte of the closing "---" line
	bodyStart int        // first byte after the closing line and its break
	eol       string     // line break of the opening "---" line
	root      *yaml.Node // top-level mapping; nil when the YAML is empty
	values    map[string]any
}

// lineAt returns the line starting at data[off] without its "\n", and the
// offset of the next line.
func lineAt(data []byte, off int) (line []byte, next int) {
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		return data[off : off+i], off + i + 1
	}
	return data[off:], len(data)
}

// isDelimiter reports whether line is delim, allowing trailing blanks and a
// CR: editors leave those behind and they are invisible to people.
func isDelimiter(line []byte, delim string) bool {
	return string(bytes.TrimRight(line, " \t\r")) == delim
}

// readFrontmatter finds and decodes the frontmatter at the top of data.
func readFrontmatter(file string, data []byte) (*frontmatter, error) {
	start := 0
	if bytes.HasPrefix(data, []byte(bom)) {
		start = len(bom)
	}
	open, next := lineAt(data, start)
	if !isDelimiter(open, "---") {
		return nil, errorf(file, 1, ErrNoFrontmatter,
			`no YAML frontmatter: the document must start with a line "---", then the YAML header (for example "stepsCompleted: [1, 2, 3]"), then another line "---"`)
	}
	fm := &frontmatter{yamlStart: next, eol: "\n"}
	if bytes.HasSuffix(open, []byte("\r")) {
		fm.eol = "\r\n"
	}
	for off := next; off < len(data); {
		line, n := lineAt(data, off)
		if isDelimiter(line, "---") || isDelimiter(line, "...") {
			fm.yamlEnd, fm.bodyStart = off, n
			if err := fm.decode(file, data); err != nil {
				return nil, err
			}
			return fm, nil
		}
		off = n
	}
	return nil, errorf(file, 1, ErrUnterminatedFrontmatter,
		`frontmatter is not closed: the "---" on line 1 opens the YAML header, add a line "---" after the header's last line`)
}

// decode parses the YAML text into nodes (for positions) and values (for
// callers). yaml.v3 is third-party code fed with user input, so a panic in
// it becomes an error instead of taking the app down.
func (fm *frontmatter) decode(file string, data []byte) (err error) {
	openLine := fileLine(data, fm.yamlStart) - 1
	defer func() {
		if r := recover(); r != nil {
			err = errorf(file, openLine, ErrInvalidYAML,
				`frontmatter could not be read as YAML (%v); check the YAML between the two "---" lines`, r)
		}
	}()
	src := data[fm.yamlStart:fm.yamlEnd]
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return yamlError(file, data, fm.yamlStart, fm.yamlEnd, err)
	}
	fm.values = map[string]any{}
	if len(doc.Content) == 0 {
		return nil // only comments or nothing: an empty header
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return nil
		}
		return errorf(file, fm.nodeLine(data, root), ErrInvalidYAML,
			`frontmatter must be YAML "key: value" lines such as "stepsCompleted: [1, 2, 3]", not %s`, kindName(root))
	}
	if err := root.Decode(&fm.values); err != nil {
		return yamlError(file, data, fm.yamlStart, fm.yamlEnd, err)
	}
	fm.root = root
	return nil
}

// lookup returns the key and value nodes of a top-level key.
func (fm *frontmatter) lookup(key string) (k, v *yaml.Node) {
	if fm.root == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(fm.root.Content); i += 2 {
		if k := fm.root.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k, fm.root.Content[i+1]
		}
	}
	return nil, nil
}

// offset returns where node n starts in data.
func (fm *frontmatter) offset(data []byte, n *yaml.Node) (int, bool) {
	return nodeOffset(data, fm.yamlStart, fm.yamlEnd, n)
}

// nodeLine returns the file line of node n, or the opening line if unknown.
func (fm *frontmatter) nodeLine(data []byte, n *yaml.Node) int {
	if off, ok := fm.offset(data, n); ok {
		return fileLine(data, off)
	}
	return fileLine(data, fm.yamlStart) - 1
}

// kindName names a YAML node kind the way users think of it.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "this"
}
