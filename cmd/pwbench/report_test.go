package main

import (
	"strings"
	"testing"
)

func TestSpliceBlock(t *testing.T) {
	const sec = "## " + sectionTitle + "\n"
	blk := func(key, body string) string {
		return "<!-- pwbench:" + key + ":begin -->\n" + body + "<!-- pwbench:" + key + ":end -->\n"
	}
	tests := []struct {
		name, doc, key, content, want string
	}{
		{"empty file gets the section", "# Performance\n", "sqlite", "A\n",
			"# Performance\n\n" + sec + "\n" + blk("sqlite", "A\n")},
		{"no final newline", "# P", "sqlite", "A\n", "# P\n\n" + sec + "\n" + blk("sqlite", "A\n")},
		{"others' sections stay, block goes at the end of ours",
			"# P\n\n## Other\n\ntheirs\n\n" + sec + "\nprose\n\n## Later\n\nmore\n", "sqlite", "A\n",
			"# P\n\n## Other\n\ntheirs\n\n" + sec + "\nprose\n\n" + blk("sqlite", "A\n") + "\n## Later\n\nmore\n"},
		{"an existing block is replaced in place",
			sec + "\nbefore\n\n" + blk("sqlite", "old\n") + "\nafter\n\n## Later\n", "sqlite", "new\n",
			sec + "\nbefore\n\n" + blk("sqlite", "new\n") + "\nafter\n\n## Later\n"},
		{"another store's block is left alone",
			sec + "\n" + blk("sqlite", "S\n"), "postgres", "P\n",
			sec + "\n" + blk("sqlite", "S\n") + "\n" + blk("postgres", "P\n")},
		{"an empty section", sec + "\n## Later\n", "sqlite", "A\n", sec + "\n" + blk("sqlite", "A\n") + "\n## Later\n"},
		{"a deeper heading is part of the section",
			sec + "\n### Profile\n\ntext\n", "sqlite", "A\n", sec + "\n### Profile\n\ntext\n\n" + blk("sqlite", "A\n")},
		{"the title inside a line is not the section",
			"see ## " + sectionTitle + "\n", "sqlite", "A\n", "see ## " + sectionTitle + "\n\n" + sec + "\n" + blk("sqlite", "A\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spliceBlock(tt.doc, tt.key, tt.content)
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if again := spliceBlock(got, tt.key, tt.content); again != got {
				t.Errorf("splicing the same block again changed the file:\n%s", again)
			}
		})
	}
}

func TestParseWrk(t *testing.T) {
	out := `Running 10s test @ http://127.0.0.1:1/api/github/hook
  2 threads and 32 connections
pwbench requests 120000
pwbench duration_us 10000000
pwbench bytes 1
pwbench errors_connect 0
pwbench errors_read 0
pwbench errors_write 0
pwbench errors_status 12
pwbench errors_timeout 0
pwbench latency_mean_us 2500.5
pwbench latency_max_us 40000
pwbench latency_p50_us 2000
pwbench latency_p90_us 4000
pwbench latency_p99_us 9000
pwbench latency_p99.9_us 20000
`
	tests := []struct {
		name    string
		out     string
		wantErr string
		check   func(t *testing.T, r Result)
	}{
		{"figures", out, "", func(t *testing.T, r Result) {
			if r.Requests != 120000 || r.Acknowledged != 119988 || r.Errors != 12 {
				t.Errorf("requests %d, acknowledged %d, errors %d", r.Requests, r.Acknowledged, r.Errors)
			}
			if r.PerSecond != 11998.8 || r.P50MS != 2 || r.P99MS != 9 || r.P999MS != 20 || r.MaxMS != 40 {
				t.Errorf("%+v", r)
			}
		}},
		{"no done() output", "Running 10s test\n", "no requests figure", nil},
		{"garbled figure", "pwbench requests many\n", "many", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseWrk(tt.out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, r)
		})
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 12345678: "12,345,678", -1234: "-1,234"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%d) = %q, want %q", in, got, want)
		}
	}
}

// The writer's figures appear when the run has them, and not otherwise.
func TestRenderBlockCommitFigures(t *testing.T) {
	r := Result{Store: "sqlite", Date: "2026-11-26", Requests: 1000, Acknowledged: 1000, Seconds: 10, Machine: "m"}
	if got := renderBlock(r); strings.Contains(got, "group commits") {
		t.Errorf("no commits measured, yet:\n%s", got)
	}
	r.Commits, r.PerCommit, r.CommitMS, r.WriterBusy = 11676, 11.8, 0.82, 0.957
	want := "The median run made 11,676 group commits of 11.8 deliveries on average, 0.82 ms each; the writer was inside one 96 % of the time."
	if got := renderBlock(r); !strings.Contains(got, want) {
		t.Errorf("block lacks %q:\n%s", want, got)
	}
}
