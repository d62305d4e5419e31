package ghfake

import (
	"fmt"
	"strconv"
	"strings"
)

// paginate cuts items to the requested page (per_page default 30, at most
// 100) and sets an RFC 5988 Link header in GitHub's rel order: prev, next,
// last, first. Links are absolute and keep the rest of the query.
func (c *call) paginate(items []obj) []obj {
	q := c.r.URL.Query()
	per, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || per <= 0 {
		per = 30
	}
	per = min(per, 100)
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page <= 0 {
		page = 1
	}
	last := max(1, (len(items)+per-1)/per)
	if last > 1 {
		link := func(p int, rel string) string {
			q.Set("page", strconv.Itoa(p))
			q.Set("per_page", strconv.Itoa(per))
			return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, "http://"+c.r.Host, c.r.URL.EscapedPath(), q.Encode(), rel)
		}
		var links []string
		if page > 1 {
			links = append(links, link(min(page-1, last), "prev"))
		}
		if page < last {
			links = append(links, link(page+1, "next"), link(last, "last"))
		}
		if page > 1 {
			links = append(links, link(1, "first"))
		}
		c.out.header.Set("Link", strings.Join(links, ", "))
	}
	start := min((page-1)*per, len(items))
	return items[start:min(start+per, len(items))]
}
