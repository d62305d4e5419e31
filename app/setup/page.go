package setup

import "html/template"

// pages are deliberately plain: no script, no external assets, so they work
// under any content security policy and in a text browser.
var pages = template.Must(template.New("setup").Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.Title}} · Pipewright</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .2em}button{font-size:1rem;padding:.4rem 1rem}
.error{color:#a00}</style></head><body>
<h1>{{.Title}}</h1>{{end}}

{{define "start"}}{{template "head" .}}
<p>Pipewright is running but is not a GitHub App yet. Register it on GitHub in two clicks:
GitHub creates the App from Pipewright's manifest (least permissions: contents, issues and
pull requests write, metadata read; the <code>issue_comment</code> event), then sends you back
here and Pipewright starts taking webhooks at <code>{{.HookURL}}</code>.</p>
{{if .Error}}<p class="error" id="error">{{.Error}}</p>{{end}}
<form method="get" action="/" id="owner-form">
<p><label for="org">Organization that owns the App (leave empty for your personal account)</label><br>
<input id="org" name="org" value="{{.Org}}" autocomplete="off" placeholder="your-org">
<button type="submit" id="owner-submit">Choose</button></p>
</form>
<form method="post" action="{{.Action}}" id="manifest-form">
<input type="hidden" name="manifest" id="manifest" value="{{.Manifest}}">
<p>The App will belong to {{if .Org}}the organization <strong id="owner">{{.Org}}</strong>{{else}}<strong id="owner">your personal account</strong>{{end}}.</p>
<button type="submit" id="create">Create the GitHub App on GitHub</button>
</form>
</body></html>{{end}}

{{define "done"}}{{template "head" .}}
<p>Pipewright is registered as <strong id="slug">{{.Slug}}</strong> (App id {{.ID}}) and now
accepts signed webhooks. Its credentials are in <code>{{.File}}</code> (readable by this user only);
keep a copy somewhere safe.</p>
<p><a id="install" href="{{.InstallURL}}">Install the App on your repositories</a>, then comment
<code>/start</code> on the pull request or issue where your team works on <code>pipeline.md</code>.</p>
</body></html>{{end}}

{{define "failed"}}{{template "head" .}}
<p class="error" id="error">{{.Error}}</p>
<p><a href="/">Back to the setup page</a></p>
</body></html>{{end}}
`))

type startPage struct {
	Title, HookURL, Org, Action, Manifest, Error string
}

type donePage struct {
	Title, Slug, File, InstallURL string
	ID                            int64
}

type failedPage struct{ Title, Error string }
