package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// sectionTitle is the docs/performance.md section pwbench owns; the rest of
// the file belongs to others and is kept byte for byte.
const sectionTitle = "Webhook acknowledgement throughput"

func writeJSON(path string, r Result) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// updateDoc puts the run's figures into the section's block for its store
// (between <!-- pwbench:<store>... --> markers), adding the block at the end
// of the section, or the section at the end of the file, when missing.
func updateDoc(path string, r Result) error {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	doc := string(data)
	if doc == "" {
		doc = "# Performance\n"
	}
	return os.WriteFile(path, []byte(spliceBlock(doc, blockKey(r), renderBlock(r))), 0o644)
}

// blockKey names a run's block: one per store and worker setting.
func blockKey(r Result) string {
	if r.Workers {
		return r.Store + "-workers"
	}
	return r.Store
}

func renderBlock(r Result) string {
	workers := "paused"
	if r.Workers {
		workers = "running"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| Store | Workers | Deliveries/s | p50 | p90 | p99 | p99.9 | max | Errors | Stored / acknowledged |\n")
	fmt.Fprintf(&b, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	fmt.Fprintf(&b, "| %s | %s | **%s** | %.2f ms | %.2f ms | **%.2f ms** | %.2f ms | %.2f ms | %d | %s / %s |\n\n",
		storeName(r.Store), workers, thousands(int64(r.PerSecond+0.5)), r.P50MS, r.P90MS, r.P99MS, r.P999MS, r.MaxMS,
		r.Errors, thousands(r.Stored), thousands(r.Acknowledged))
	fmt.Fprintf(&b, "%s: %s requests of %s bytes in %.1f s over %d connections (%d wrk threads); %s.",
		r.Date, thousands(r.Requests), thousands(int64(r.BodyBytes)), r.Seconds, r.Connections, r.Threads, r.Machine)
	if r.Commits > 0 {
		fmt.Fprintf(&b, " The median run made %s group commits of %.1f deliveries on average, %.2f ms each; the writer was inside one %.0f %% of the time.",
			thousands(r.Commits), r.PerCommit, r.CommitMS, 100*r.WriterBusy)
	}
	if len(r.Runs) > 1 {
		lo, hi := r.Runs[0], r.Runs[0]
		var loads []string
		for _, x := range r.Runs {
			if x.PerSecond < lo.PerSecond {
				lo = x
			}
			if x.PerSecond > hi.PerSecond {
				hi = x
			}
			loads = append(loads, fmt.Sprintf("%.1f", x.Load))
		}
		fmt.Fprintf(&b, " The median of %d runs; the slowest did %s/s (p99 %.2f ms), the fastest %s/s (p99 %.2f ms). Load average before each run: %s.",
			len(r.Runs), thousands(int64(lo.PerSecond+0.5)), lo.P99MS, thousands(int64(hi.PerSecond+0.5)), hi.P99MS, strings.Join(loads, ", "))
	} else if r.Load >= 0 {
		fmt.Fprintf(&b, " Load average before the run: %.1f.", r.Load)
	}
	fmt.Fprintf(&b, "\n`%s`\n", r.Command)
	return b.String()
}

func storeName(s string) string {
	switch s {
	case "sqlite":
		return "SQLite"
	case "postgres":
		return "PostgreSQL"
	}
	return s
}

// thousands writes n with comma separators: 123456 -> "123,456".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// spliceBlock replaces (or adds) the block named key inside the section and
// leaves every other byte of doc alone.
func spliceBlock(doc, key, content string) string {
	begin, end := "<!-- pwbench:"+key+":begin -->\n", "<!-- pwbench:"+key+":end -->\n"
	block := begin + content + end
	heading := "## " + sectionTitle + "\n"
	start := sectionStart(doc, heading)
	if start < 0 {
		if !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		return doc + "\n" + heading + "\n" + block
	}
	bodyAt := start + len(heading)
	stop := len(doc)
	if i := strings.Index(doc[bodyAt:], "\n## "); i >= 0 {
		stop = bodyAt + i + 1
	}
	section := doc[bodyAt:stop]
	if i := strings.Index(section, begin); i >= 0 {
		if j := strings.Index(section[i:], end); j >= 0 {
			section = section[:i] + block + section[i+j+len(end):]
			return doc[:bodyAt] + section + doc[stop:]
		}
	}
	// Append at the end of the section, before the blank line that ends it.
	var b strings.Builder
	trimmed := strings.TrimRight(section, "\n")
	b.WriteString(doc[:bodyAt])
	b.WriteString(trimmed)
	if trimmed != "" {
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(block)
	if stop < len(doc) {
		b.WriteString("\n")
	}
	b.WriteString(doc[stop:])
	return b.String()
}

// sectionStart finds the heading at the start of a line, or -1.
func sectionStart(doc, heading string) int {
	if strings.HasPrefix(doc, heading) {
		return 0
	}
	if i := strings.Index(doc, "\n"+heading); i >= 0 {
		return i + 1
	}
	return -1
}
