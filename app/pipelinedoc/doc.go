// Package pipelinedoc reads and updates a BMAD pipeline.md document: it
// parses the YAML frontmatter and the step 3 (Pipeline Stages) decisions,
// and saves the step 4 Deployment Strategy section.
//
// It does no I/O: callers pass the file's bytes in and write the bytes that
// come back. Every change is a byte splice, so a save never reformats what
// people wrote. A typical caller:
//
//	doc, err := pipelinedoc.Parse("pipeline.md", data)
//	if err == nil {
//		err = doc.RequireStep3() // step 4 builds on steps 1-3
//	}
//	if err == nil && doc.SaveBlocked != nil {
//		err = doc.SaveBlocked // warn now, not after the conversation
//	}
//	// ... facilitate step 4 using doc.Stage3 ...
//	out, err := pipelinedoc.Save("pipeline.md", data, section)
//
// What Save changes, and nothing else:
//
//   - stepsCompleted gains 4 in the style already used: "[1, 2, 3]" becomes
//     "[1, 2, 3, 4]", "[1,2,3]" becomes "[1,2,3,4]", quoted items get a
//     quoted "4", and a block list gets a "  - 4" line after its last item.
//     A missing or empty value becomes [1, 2, 3, 4]. The result is parsed
//     back, and if anything but that value changed, Save refuses.
//   - The section is wrapped in invisible HTML comment markers (BeginMarker,
//     EndMarker) carrying a sha256 of its text. Without markers it is
//     appended after one blank line, in the body's line ending; with
//     markers and a matching hash it replaces the old section in place, so
//     saving twice gives identical bytes. A hash mismatch means a person
//     edited the section: Save refuses rather than lose their words.
//
// Errors are *Error values ("pipeline.md:3: ...") wrapping one of the Err*
// sentinels, so callers can translate them with errors.Is.
package pipelinedoc
