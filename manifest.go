// Package pipewright holds what belongs to the repository as a whole: the
// GitHub App manifest (app.yml), embedded for the setup page (app/setup)
// and checked by the deployment tests (deploy).
package pipewright

import _ "embed"

// AppManifest is app.yml: the App's name, permissions and events, with
// placeholder URLs that the setup page replaces.
//
//go:embed app.yml
var AppManifest []byte
