package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
)

// answersReference is docs/commands.md's part on the answers BMAD users
// type without a slash, with every shipped language's yes and no words.
func answersReference() string {
	var b strings.Builder
	b.WriteString("\n## Answers without a slash\n\n")
	b.WriteString("BMAD users answer the seed's questions as in their IDE, and Pipewright takes those answers as they are typed, " +
		"but only where they answer the open question:\n\n" +
		"- While a proposal of A or P waits (\"Accept these enhancements to the deployment strategy? (y/n)\"), `y` or `yes` is `/accept` and `n` or `no` is `/reject`, " +
		"and so are the words of every shipped language below. `y -- the runbook lives in the service repository` accepts with that line in the team's words, as `/accept -- ...` does.\n" +
		"- While the A/P/C menu is the open question (after a decision, or in the review once everything is decided), `A`, `P` or `C` is `/menu A`, `/menu P` or `/menu C`; `[C]` works too.\n\n" +
		"On GitHub the answer must be the whole comment: that one word, optionally followed by ` -- ` and a rationale (a quote of the question above it may stay). " +
		"\"C\" among other text, or `y` when no proposal waits, is ordinary discussion: nothing happens and there is no reply. " +
		"In `pipewright local` the same holds for a line; at any other time such a line is what it always was (more words for the decision just made). " +
		"An answer needs the permissions of the command it stands for (write, maintain or admin, and being a decider when `deciders` is set).\n\n")
	b.WriteString("| Language | Yes (`/accept`) | No (`/reject`) |\n|---|---|---|\n")
	for _, lang := range i18n.Languages() {
		if !i18n.Complete(lang) {
			continue
		}
		yes, no := i18n.AnswerWords(lang)
		fmt.Fprintf(&b, "| %s | %s | %s |\n", i18n.LanguageName(lang), codeList(yes), codeList(no))
	}
	b.WriteString("\nCase and accents do not matter (`Sí`, `si`, `NAO`).\n")
	return b.String()
}
