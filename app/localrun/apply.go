package localrun

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// apply runs one command, carries out its effects on the local file, keeps
// the session, and prints the reply. amend is true when plain lines add to
// the decision just made: then only the updated record is shown.
func (r *Runner) apply(ctx context.Context, cmd strategy.Command, amend bool) error {
	env := r.Doc.Env()
	env.Settings = r.Settings
	engine := r.Engine
	if engine == nil {
		engine = strategy.Apply
	}
	next, effects := engine(r.session, cmd, env)
	next = r.measureBaseline(ctx, next, effects)
	render := r.render()
	r.lookUpVersions(ctx, &render, &next, effects)
	for _, eff := range effects {
		if save, ok := eff.(strategy.Save); ok {
			outcome := r.Doc.Save(render.Section(&next))
			render.Save = &outcome
			if outcome.Err == "" {
				next = strategy.RecordSave(next, strategy.SaveRecord{Revision: save.Revision, By: cmd.Actor, At: cmd.At})
			}
		}
	}
	if err := r.persist(ctx, next); err != nil {
		return err
	}
	r.rememberDecision(cmd, effects)
	r.rememberProposal(cmd, effects)
	for _, eff := range effects {
		reply, ok := eff.(strategy.Reply)
		if !ok {
			continue
		}
		msgs := reply.Messages
		if amend && len(onlyDecisions(msgs)) > 0 {
			msgs = onlyDecisions(msgs)
		}
		if err := r.print(render.Reply(&r.session, msgs)); err != nil {
			return err
		}
	}
	return nil
}

// rememberDecision makes the command that plain lines continue name the
// decision it recorded: replaying "/decide 2" or "/skip" as written would
// apply to whichever category is current by then, not the one decided.
func (r *Runner) rememberDecision(cmd strategy.Command, effects []strategy.Effect) {
	if cmd.Verb != "decide" && cmd.Verb != "skip" {
		return
	}
	for _, eff := range effects {
		reply, ok := eff.(strategy.Reply)
		if !ok {
			continue
		}
		for _, m := range onlyDecisions(reply.Messages) {
			d := r.session.Decisions[m.Category]
			if d == nil {
				continue
			}
			cmd.Verb, cmd.Args = "decide", []string{string(m.Category), d.Option}
			cmd.Rest = strings.Join(cmd.Args, " ")
			r.last = &cmd
			return
		}
	}
}

// rememberProposal makes plain lines after "/elicit <n>" or "/menu P"
// answers to that method or review, named so that a list shown since
// cannot change which method they answer.
func (r *Runner) rememberProposal(cmd strategy.Command, effects []strategy.Effect) {
	if cmd.Verb != "elicit" && cmd.Verb != "menu" {
		return
	}
	r.last = nil
	for _, eff := range effects {
		reply, ok := eff.(strategy.Reply)
		if !ok {
			continue
		}
		for _, m := range reply.Messages {
			if m.Proposal == nil || m.Kind != strategy.MsgElicit && m.Kind != strategy.MsgParty {
				continue
			}
			cmd.Verb, cmd.Args = "elicit", []string{m.Proposal.Method}
			if m.Kind == strategy.MsgParty {
				cmd.Verb, cmd.Args = "menu", []string{"P"}
			}
			cmd.Rest, cmd.Rationale, cmd.Fields = cmd.Args[0], "", nil
			r.last = &cmd
		}
	}
}

func onlyDecisions(msgs []strategy.Message) []strategy.Message {
	var out []strategy.Message
	for _, m := range msgs {
		if m.Kind == strategy.MsgDecision {
			out = append(out, m)
		}
	}
	return out
}

// persist stores the session before anything is shown, so what the team
// sees as recorded is recorded.
func (r *Runner) persist(ctx context.Context, next strategy.Session) error {
	data, err := json.Marshal(next)
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	v, err := r.Store.SaveSession(ctx, r.Key(), data, r.version)
	if err != nil {
		return fmt.Errorf("save session for %s: %w", r.Doc.Path, err)
	}
	r.session, r.version = next, v
	return nil
}

// lookUpVersions verifies the tools the reply (or the section) shows, as
// the server does, when the run has a version source.
func (r *Runner) lookUpVersions(ctx context.Context, render *comments.Render, s *strategy.Session, effects []strategy.Effect) {
	if r.Versions == nil {
		return
	}
	var msgs []strategy.Message
	saving := false
	for _, eff := range effects {
		switch v := eff.(type) {
		case strategy.Reply:
			msgs = append(msgs, v.Messages...)
		case strategy.Save:
			saving = true
		}
	}
	if tools := comments.ToolsShown(s, msgs, saving); len(tools) > 0 {
		found := r.Versions(ctx, tools)
		render.Versions = found.Latest
		// A terminal run says once that a tool could not be verified,
		// not again in every reply that shows it.
		for _, tool := range found.Unverified {
			if !r.saidUnverified[tool] {
				render.Unverified = append(render.Unverified, tool)
			}
			if r.saidUnverified == nil {
				r.saidUnverified = map[string]bool{}
			}
			r.saidUnverified[tool] = true
		}
	}
}

// measureBaseline runs the measurement the engine asked for, if this run
// can measure, and keeps it in the session before the reply is rendered.
func (r *Runner) measureBaseline(ctx context.Context, s strategy.Session, effects []strategy.Effect) strategy.Session {
	if r.Baseline == nil || !slices.ContainsFunc(effects, func(e strategy.Effect) bool { _, ok := e.(strategy.MeasureBaseline); return ok }) {
		return s
	}
	b, ok := r.Baseline(ctx, s)
	if !ok {
		return s
	}
	return strategy.RecordBaseline(s, b)
}
