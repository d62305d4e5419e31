package handlers

import (
	"errors"

	"github.com/pipewright/pipewright/app/ghclient"
)

// paced says whether err is a GitHub request that was not sent because its
// installation's budget of content-creating requests is used up for now
// (ghclient.DeferredError). That is no failure: the effect or command is
// neither given up on nor reported failed; its job snoozes until the
// budget frees (app/queue) and runs it again, and nothing needs settling,
// since GitHub never saw the request.
func paced(err error) bool {
	var d *ghclient.DeferredError
	return errors.As(err, &d)
}
