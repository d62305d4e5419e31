package server

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Logger builds the process logger: JSON lines by default (for log
// pipelines), LOG_FORMAT=console for people; LOG_LEVEL sets the level.
func Logger(level, format string, out io.Writer) zerolog.Logger {
	if out == nil {
		out = os.Stderr
	}
	if strings.EqualFold(format, "console") {
		out = zerolog.ConsoleWriter{Out: out, TimeFormat: time.RFC3339}
	}
	lvl, err := zerolog.ParseLevel(strings.ToLower(level))
	if err != nil || level == "" {
		lvl = zerolog.InfoLevel
	}
	return zerolog.New(out).Level(lvl).With().Timestamp().Str("service", "pipewright").Logger()
}
