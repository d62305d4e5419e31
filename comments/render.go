package comments

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// Render holds what rendering needs besides the session: the languages and
// the facts the shell looked up.
type Render struct {
	Lang *i18n.Catalog // replies, in communication_language
	Doc  *i18n.Catalog // the saved section, in document_output_language
	// Skill is user_skill_level: beginner adds plain words, examples and a
	// DORA glossary; expert shows compact tables; "" and intermediate the
	// full tables. The saved section is the same at every level.
	Skill string
	// Versions maps a tool id to its latest release tag; a tool missing here
	// is shown as "version not verified" (never guessed).
	Versions map[string]string
	// Unverified are the tools whose look-up failed (offline, rate
	// limited, no release): a reply says so once, not on every line.
	Unverified []string
	// Save is the outcome of a save, filled by the shell after it ran.
	Save *SaveOutcome
	// baselineShown: the reply being rendered shows the baseline in full,
	// so the targets need not summarise it.
	baselineShown bool
	// targetSet: the reply records a target, so the targets still open are
	// listed without the tiers table the team has just used.
	targetSet bool
}

// SaveOutcome is what happened when the shell saved the section.
type SaveOutcome struct {
	Path      string
	Unchanged bool   // the document already held exactly this section
	CommitURL string // links for review, when on GitHub
	FilesURL  string
	PRURL     string
	// Branch is the branch a save from an issue committed to; Taken, when
	// set, the usual name, which someone else's branch holds (handlers/branch.go).
	Branch string `json:",omitempty"`
	Taken  string `json:",omitempty"`
	Err    string // why it failed, already user-facing
	// Problem is the error behind Err when there is one, so a document
	// problem is said in the reply's language (render_docerror.go).
	Problem error `json:"-"`
}

// Fail records why the save failed: err's English wording for Err, and err
// itself so that each reply words it in its own language.
func (o *SaveOutcome) Fail(err error) { o.Err, o.Problem = err.Error(), err }

// English renders with the English catalogue for both replies and section.
func English() Render {
	en := i18n.MustLoad(i18n.DefaultLang)
	return Render{Lang: en, Doc: en}
}

// Reply renders one reply: the messages in order, then the progress line.
func (r Render) Reply(s *strategy.Session, msgs []strategy.Message) string {
	var b strings.Builder
	r.baselineShown = s.Baseline != nil && slices.ContainsFunc(msgs, func(m strategy.Message) bool { return m.Kind == strategy.MsgBaseline })
	r.targetSet = slices.ContainsFunc(msgs, func(m strategy.Message) bool { return m.Kind == strategy.MsgTarget })
	for _, m := range msgs {
		text := r.message(s, m)
		if text == "" {
			continue // e.g. a baseline the shell did not measure
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(text)
	}
	if note := r.unverifiedNote(); note != "" && len(msgs) > 0 {
		b.WriteString("\n\n" + note)
	}
	if s.Started() {
		b.WriteString("\n\n---\n")
		b.WriteString(r.progress(s))
	}
	return strings.TrimSpace(b.String()) + "\n"
}

func (r Render) message(s *strategy.Session, m strategy.Message) string {
	switch m.Kind {
	case strategy.MsgNotice:
		return r.notice(m)
	case strategy.MsgContext:
		return r.context(s)
	case strategy.MsgDecision:
		return r.decision(s, m.Category, m.Key)
	case strategy.MsgAsk:
		return r.ask(s, m.Category)
	case strategy.MsgAskTargets:
		return r.askTargets(s)
	case strategy.MsgTiers:
		return r.tiers(m.Metric)
	case strategy.MsgTarget:
		return r.targetRecorded(s, m.Metric)
	case strategy.MsgReview:
		return r.review(s)
	case strategy.MsgMenu:
		if m.Category != "" {
			return r.categoryMenu(s, m.Category)
		}
		return r.menu()
	case strategy.MsgStatus:
		return r.status(s)
	case strategy.MsgHelp:
		return r.help()
	case strategy.MsgSaveOutcome:
		return r.saveOutcome()
	case strategy.MsgNextStep:
		return r.nextStep(s.DocPath)
	case strategy.MsgMethods:
		return r.methods(s, m.Category, m.Items)
	case strategy.MsgElicit:
		return r.elicitation(s, m.Proposal, m.Accepted)
	case strategy.MsgParty:
		return r.party(s, m.Proposal, m.Accepted)
	case strategy.MsgBaseline:
		return r.baselineReply(s, m.Key == strategy.BaselineAuto)
	case strategy.MsgDocError:
		return "⚠️ " + r.Lang.T("error.document", "error", NoPing(Inline(r.errorText(m.Err, errText(m.Err)))))
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// notice renders a catalogue sentence; user input inside it is escaped and
// made inert, and ids of categories or options become their names.
func (r Render) notice(m strategy.Message) string {
	args := make([]any, 0, len(m.Args)+2)
	for i, a := range m.Args {
		s, ok := a.(string)
		if !ok {
			s = fmt.Sprint(a)
		}
		if i%2 == 1 {
			s = NoPing(Inline(s))
		}
		args = append(args, s)
	}
	// "{category}" stays the id, as commands spell it; "{category-name}" is
	// the category's name in the reply language.
	for i := 0; i+1 < len(m.Args); i += 2 {
		if m.Args[i] == "category" {
			if id, _ := m.Args[i+1].(string); r.categoryName(strategy.CategoryID(id)) != "" {
				args = append(args, "category-name", r.categoryName(strategy.CategoryID(id)))
			}
		}
		if sub, _ := m.Args[i+1].(string); m.Args[i] == "sub" {
			args = append(args, "sub-name", r.subLabel(m.Args, sub))
		}
		if id, _ := m.Args[i+1].(string); m.Args[i] == "method" {
			args = append(args, "method-name", r.methodName(r.Lang, id))
		}
	}
	text := r.Lang.T(m.Key, args...)
	if strings.HasPrefix(m.Key, "error.") || strings.Contains(m.Key, "did-you-mean") || strings.Contains(m.Key, "unknown") {
		return "⚠️ " + text
	}
	return text
}

// subLabel is a sub-decision's label in the reply language, for a notice
// whose "category" argument names its category.
func (r Render) subLabel(args []any, sub string) string {
	for i := 0; i+1 < len(args); i += 2 {
		if id, _ := args[i+1].(string); args[i] == "category" {
			if l := r.Lang.Category(id).Subs[sub].Label; l != "" {
				return l
			}
		}
	}
	return sub
}

// categoryName is a category's name in the reply language.
func (r Render) categoryName(id strategy.CategoryID) string {
	return r.Lang.Category(string(id)).Name
}

func (r Render) optionName(c *i18n.Catalog, cat strategy.CategoryID, opt string) string {
	if n := c.Option(string(cat), opt).Name; n != "" {
		return n
	}
	return opt
}
