package handlers

import "github.com/pipewright/pipewright/app/versions"

// VersionCache is the latest-release cache replies use (app/versions).
type VersionCache = versions.Cache

// ToolRepos maps the tools a session can name to the GitHub repository
// whose latest release is that tool's version; the table is data in
// app/knowledge.
var ToolRepos = versions.Repos()
