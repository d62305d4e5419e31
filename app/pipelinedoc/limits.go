package pipelinedoc

// MaxBytes is the largest pipeline.md Pipewright reads or writes: 1 MB,
// as GitHub counts it. On GitHub the document is read through the
// repository contents API, which returns a file's content inline only up
// to 1 MB (larger files come back without content); a document saved
// locally that GitHub could not read back would strand the team. A
// pipeline.md is typically 10-50 KB, so this is twenty times that and
// more, and it bounds what a hostile file (or /dev/zero behind a symlink)
// can make `pipewright local` hold in memory.
const MaxBytes = 1_000_000
