package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// handleComment turns one comment into commands, applies them, and stores
// the new session with its effects in one transaction.
func (p *Processor) handleComment(ctx context.Context, item store.InboxItem, e *commentEvent) error {
	log := zerolog.Ctx(ctx)
	data, version, err := p.Store.LoadSession(ctx, item.SessionKey)
	if errors.Is(err, store.ErrNotFound) {
		data, version = nil, 0
	} else if err != nil {
		return fmt.Errorf("load session %s: %w", item.SessionKey, err)
	}
	rec, err := decodeRecord(data)
	if err != nil {
		return err
	}
	commentKey := strconv.FormatInt(e.Comment.ID, 10)
	seen := newCommands(comments.Commands(e.Comment.Body, &rec.Engine), alreadyThere(e, rec.Ran[commentKey], &rec.Engine))
	if len(seen) == 0 {
		return p.commitRecord(ctx, item, &rec, version, nil)
	}
	// Every command seen is marked as run below, the refused ones too, so
	// an edit of the comment does not run them later by surprise.
	cmds := onceEach(seen)
	var excess []comments.Command
	if len(cmds) > MaxCommandsPerComment {
		cmds, excess = cmds[:MaxCommandsPerComment], cmds[MaxCommandsPerComment:]
	}
	gh, err := p.client(e.installationID())
	if err != nil {
		return err
	}
	var pre []strategy.Message
	editor := ""
	if e.Action == "edited" && !strings.EqualFold(e.Sender.Login, e.Comment.User.Login) {
		editor = e.Sender.Login
		log.Warn().Str("editor", editor).Str("author", e.Comment.User.Login).Int64("comment", e.Comment.ID).Msg("audit: commands added by an edit of someone else's comment")
	}
	// The document (and .github/pipewright.yml with its deciders) is read
	// only to start a session; a live session remembers the deciders. It is
	// read while the permission is looked up, and dropped if that refuses.
	// Someone who has had all the answers allowed on this thread is asked
	// for first and read for only with access: their next comments, if they
	// have none, go unanswered and must not cost GitHub reads either.
	env := strategy.Env{}
	doc := docLocation{}
	var cfg *RepoConfig
	var allowed bool
	if needsDoc(rec.Engine, cmds) && rec.quietSpent(e.Sender.Login, p.now()) {
		if allowed, err = p.mayChange(ctx, gh, e, cmds); err == nil && allowed {
			doc, cfg, env = p.readDoc(ctx, gh, e)
		}
	} else {
		var reading sync.WaitGroup
		if needsDoc(rec.Engine, cmds) {
			reading.Go(func() { doc, cfg, env = p.readDoc(ctx, gh, e) })
		}
		allowed, err = p.mayChange(ctx, gh, e, cmds)
		reading.Wait()
	}
	if err != nil {
		return err
	}
	// Known to have write access; for a comment that changes nothing, not
	// looked up unless the quiet budget is spent (see quiet below).
	writer := allowed && changesSession(cmds)
	if !allowed {
		// The refusal still speaks the team's language.
		env, doc, cfg = strategy.Env{Settings: env.Settings}, docLocation{}, nil
	}
	if cfg != nil {
		rec.Deciders, rec.DecidersFrom = cfg.Deciders, cfg.DecidersFrom
		rec.Dora = cfg.Dora
	} else if allowed && rec.DecidersFrom == "" && rec.Engine.Started() && changesSession(cmds) {
		// A session started before deciders came from the default branch
		// may hold a pull request head's list: read the trusted one once.
		if err := p.trustLegacyDeciders(ctx, gh, e, &rec); err != nil {
			return err
		}
	}
	if ref := headRef(e, doc, env.Doc != nil); ref != "" {
		rec.HeadRef = ref
	}
	notDecider := allowed && changesSession(cmds) && !isDecider(rec.Deciders, e.Sender.Login)
	if notDecider {
		allowed = false
	}
	var run []strategy.Command
	var outcomes []commandOutcome
	for i, c := range cmds {
		if needsWrite(c) && !allowed {
			outcomes = append(outcomes, commandOutcome{commandKind(c), "denied"})
			continue
		}
		outcomes = append(outcomes, commandOutcome{commandKind(c), "applied"})
		run = append(run, c.Engine(fmt.Sprintf("%s/%d", item.ID, i), e.Sender.Login, p.now()))
	}
	switch {
	case notDecider:
		pre = append(pre, strategy.Message{Kind: strategy.MsgNotice, Key: "error.not-decider", Args: []any{"user", e.Sender.Login, "deciders", strings.Join(rec.Deciders, ", "), "branch", comments.Name(cmp.Or(rec.DecidersFrom, e.Repository.DefaultBranch))}})
	case !allowed:
		pre = append(pre, strategy.Message{Kind: strategy.MsgNotice, Key: "error.not-allowed", Args: []any{"user", e.Sender.Login}})
	}
	if editor != "" {
		pre = append(pre, strategy.Message{Kind: strategy.MsgNotice, Key: "error.edited-by-other", Args: []any{"editor", editor}})
	}
	next, effects := p.apply(rec.Engine, run, env)
	next = p.measureBaseline(ctx, gh, e, rec.Dora, next, effects)
	if len(excess) > 0 {
		effects = append(effects, strategy.Reply{Messages: []strategy.Message{notRunNotice(excess)}})
		for _, c := range excess {
			outcomes = append(outcomes, commandOutcome{commandKind(c), "not-run"})
		}
	}
	quiet, err := p.quiet(ctx, gh, e, &rec, writer, pre, effects)
	if err != nil {
		return err
	}
	var out []store.Effect
	if quiet {
		for i := range outcomes {
			outcomes[i].outcome = "silenced"
		}
	} else if out, err = p.effects(ctx, gh, item, e, &next, effects, pre, rec.HeadRef); err != nil {
		return err
	}
	rec.Engine = next
	rec.markRan(commentKey, seen)
	if err := p.commitRecord(ctx, item, &rec, version, out); err != nil {
		return err
	}
	p.reportCommands(outcomes)
	return nil
}

// newCommands drops the commands that already ran for this comment, so an
// edit runs only what it added (and a redelivery nothing twice).
func newCommands(all []comments.Command, ran map[string]int) []comments.Command {
	seen := map[string]int{}
	var out []comments.Command
	for _, c := range all {
		fp := fingerprint(c)
		seen[fp]++
		if seen[fp] > ran[fp] {
			out = append(out, c)
		}
	}
	return out
}

// alreadyThere counts the commands that ran for the comment, and for an
// edit also those its previous body held: an edit of a comment written
// before the App saw it must not run the old commands either.
func alreadyThere(e *commentEvent, ran map[string]int, s *strategy.Session) map[string]int {
	if e.Action != "edited" || e.Changes.Body == nil {
		return ran
	}
	out := map[string]int{}
	for _, c := range comments.Commands(e.Changes.Body.From, s) {
		out[fingerprint(c)]++
	}
	for fp, n := range ran {
		out[fp] = max(out[fp], n)
	}
	return out
}

func fingerprint(c comments.Command) string {
	return strings.ToLower(strings.Join(strings.Fields(c.Raw), " "))
}

func (r *sessionRecord) markRan(comment string, cmds []comments.Command) {
	if r.Ran == nil {
		r.Ran = map[string]map[string]int{}
	}
	if r.Ran[comment] == nil {
		r.Ran[comment] = map[string]int{}
	}
	for _, c := range cmds {
		r.Ran[comment][fingerprint(c)]++
	}
}

// needsDoc says whether the document must be read before applying: to
// start a session (explicitly or by a first change), to learn the team's
// languages on a thread that has never read them (a first /help), or when
// /start meets a session under way, which re-reads the team's settings and
// deciders (a live session otherwise keeps what it read, and its commands
// cost no file reads).
func needsDoc(s strategy.Session, cmds []comments.Command) bool {
	if s.Started() {
		return slices.ContainsFunc(cmds, func(c comments.Command) bool { return c.Verb == comments.VerbStart })
	}
	if s.Settings == (strategy.Settings{}) {
		return true
	}
	for _, c := range cmds {
		switch c.Verb {
		case comments.VerbStart, comments.VerbDecide, comments.VerbTarget, comments.VerbSkip:
			return true
		}
	}
	return false
}

// changesSession reports whether any command needs write access.
func changesSession(cmds []comments.Command) bool {
	return slices.ContainsFunc(cmds, needsWrite)
}

// needsWrite reports whether the command changes the session, so needs
// write access.
func needsWrite(c comments.Command) bool {
	spec, ok := comments.Lookup(c.Verb)
	return ok && spec.NeedsWrite
}

func (p *Processor) commitRecord(ctx context.Context, item store.InboxItem, rec *sessionRecord, version int64, effects []store.Effect) error {
	data, err := rec.encode()
	if err != nil {
		return err
	}
	_, err = p.Store.Commit(ctx, item.SessionKey, data, version, item.Seq, effects)
	if errors.Is(err, store.ErrAlreadyProcessed) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("commit %s for %s: %w", item.ID, item.SessionKey, err)
	}
	return nil
}
