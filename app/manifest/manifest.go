// Package manifest embeds the GitHub App manifest for the setup page and
// the deployment tests. The repository's app.yml (at the root, where people
// registering by hand look for it) is the source; this copy exists because
// Go can only embed files below a package, and a test keeps it identical.
package manifest

import _ "embed"

// App is app.yml: the App's name, permissions and events, with placeholder
// URLs that the setup page replaces.
//
//go:embed app.yml
var App []byte
