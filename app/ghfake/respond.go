package ghfake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// obj is a JSON object. Maps keep the handlers short; key order does not
// matter to JSON clients.
type obj = map[string]any

// reply buffers a whole answer so headers such as ETag can be derived from
// the body, and so nothing reaches the socket while the state lock is held.
type reply struct {
	status int
	header http.Header
	body   bytes.Buffer
}

func newReply() *reply { return &reply{status: http.StatusOK, header: http.Header{}} }

func (o *reply) flush(w http.ResponseWriter) {
	for k, v := range o.header {
		w.Header()[k] = v
	}
	w.WriteHeader(o.status)
	if o.status != http.StatusNotModified && o.status != http.StatusNoContent {
		_, _ = w.Write(o.body.Bytes())
	}
}

// call is one request in flight: what the handler reads and writes.
type call struct {
	s      *Server
	r      *http.Request
	out    *reply
	p      map[string]string
	rt     *route
	cred   credential
	bucket *bucket
	body   []byte
}

// json writes v compactly, without HTML escaping, as GitHub does.
func (c *call) json(status int, v any) {
	c.out.status = status
	c.out.header.Set("Content-Type", "application/json; charset=utf-8")
	c.out.body.Reset()
	enc := json.NewEncoder(&c.out.body)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	c.out.body.Truncate(c.out.body.Len() - 1) // Encode's trailing newline
}

// errBody is GitHub's error shape; newer GitHub sends status as a string.
func errBody(status int, msg, doc string) obj {
	return obj{"message": msg, "documentation_url": doc, "status": strconv.Itoa(status)}
}

func (c *call) fail(status int, msg string) { c.json(status, errBody(status, msg, c.rt.doc)) }

// invalid answers 422 "Validation Failed" with GitHub's errors array.
func (c *call) invalid(errs ...obj) {
	body := errBody(http.StatusUnprocessableEntity, "Validation Failed", c.rt.doc)
	body["errors"] = errs
	c.json(http.StatusUnprocessableEntity, body)
}

// notSupplied is the 422 GitHub gives when required JSON fields are absent.
func (c *call) notSupplied(fields ...string) {
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = strconv.Quote(f)
	}
	verb := "wasn't"
	if len(fields) > 1 {
		verb = "weren't"
	}
	c.fail(http.StatusUnprocessableEntity, "Invalid request.\n\n"+strings.Join(q, ", ")+" "+verb+" supplied.")
}

// decode reads the JSON body into v, answering 400 as GitHub does when it
// cannot parse it.
func (c *call) decode(v any) bool {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return true
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		c.fail(http.StatusBadRequest, "Problems parsing JSON")
		return false
	}
	return true
}

// api is the API root as the client reached it (scheme, host and prefix).
func (c *call) api() string { return "http://" + c.r.Host + c.s.prefix }

// web is the root of html_url links.
func (c *call) web() string {
	switch {
	case c.s.webURL != "":
		return c.s.webURL
	case c.s.prefix != "":
		return "http://" + c.r.Host
	}
	return "https://github.com"
}

// intParam parses a numeric path parameter; a non-number is a 404 on GitHub.
func (c *call) intParam(name string) (int64, bool) {
	n, err := strconv.ParseInt(c.p[name], 10, 64)
	if err != nil || n <= 0 {
		c.fail(http.StatusNotFound, "Not Found")
		return 0, false
	}
	return n, true
}

// etagOf derives an ETag from the body: weak for GETs, strong for writes,
// with the 64-hex digests seen in the recordings.
func etagOf(body []byte, weak bool) string {
	sum := sha256.Sum256(body)
	tag := `"` + hex.EncodeToString(sum[:]) + `"`
	if weak {
		return "W/" + tag
	}
	return tag
}

// etagMatch implements If-None-Match with weak comparison.
func etagMatch(ifNoneMatch, etag string) bool {
	if ifNoneMatch == "" || etag == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
