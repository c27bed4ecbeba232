package inbox

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are the inbox's pages, the team's and the portal's.
func Templates() web.TemplateSet {
	return web.Templates("inbox", templateFiles, template.FuncMap{"duration": duration})
}

type pages struct {
	*web.Deps
	svc *Service
}

// Register adds the team's inbox pages, the creator portal's message
// pages, the inbound-mail webhook and the API.
func Register(rt *web.Router, d *web.Deps) {
	h := &pages{d, NewService(d)}
	rt.Page("GET", "/inbox", web.Brand, auth.InboxRead, h.list)
	rt.Page("GET", "/inbox/threads/{id}", web.Brand, auth.InboxRead, h.thread)
	rt.Page("POST", "/inbox/threads/{id}/reply", web.Brand, auth.InboxReply, h.reply)
	rt.Page("POST", "/inbox/threads/{id}/status", web.Brand, auth.InboxReply, h.status)
	rt.Page("POST", "/inbox/threads/{id}/assign", web.Brand, auth.InboxReply, h.assign)
	rt.Page("POST", "/inbox/threads/{id}/unread", web.Brand, auth.InboxRead, h.unread)
	rt.Page("GET", "/inbox/canned", web.Brand, auth.InboxRead, h.cannedList)
	rt.Page("GET", "/inbox/canned/new", web.Brand, auth.InboxReply, h.cannedForm)
	rt.Page("POST", "/inbox/canned", web.Brand, auth.InboxReply, h.cannedSave)
	rt.Page("GET", "/inbox/canned/{id}", web.Brand, auth.InboxReply, h.cannedForm)
	rt.Page("POST", "/inbox/canned/{id}", web.Brand, auth.InboxReply, h.cannedSave)
	rt.Page("POST", "/inbox/canned/{id}/delete", web.Brand, auth.InboxReply, h.cannedDelete)
	registerPortal(rt, d, h.svc)
	registerInbound(rt, d, h.svc)
	registerAPI(rt, h)
}

// Option is a choice in a filter menu.
type Option struct {
	Value string
	Label string
}

type listView struct {
	Threads   []Thread
	Filter    url.Values
	Status    string
	Assignee  string
	Campaign  string
	Unread    bool
	Q         string
	Statuses  []string
	Members   []Option
	Campaigns []Option
	Next      string
	Weeks     []Week
	UnreadN   int
	UnreadCap int
}

// parseFilter reads the inbox filters of a page's query; what does not
// parse is ignored, as on every list page.
func parseFilter(q url.Values, me int64) Filter {
	f := Filter{Viewer: me, Limit: 50, Q: q.Get("q"), Unread: q.Get("unread") == "1"}
	if validStatus(q.Get("status")) {
		f.Status = q.Get("status")
	}
	switch a := q.Get("assignee"); a {
	case "me":
		f.Assignee = me
	case "none":
		f.Unassigned = true
	default:
		f.Assignee, _ = strconv.ParseInt(a, 10, 64)
	}
	f.CampaignID, _ = strconv.ParseInt(q.Get("campaign"), 10, 64)
	f.After, _ = ParseCursor(q.Get("after"))
	return f
}

func (h *pages) list(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	q := r.URL.Query()
	f := parseFilter(q, p.UserID())
	items, next, err := List(ctx, h.DB, p.BrandID, f)
	if err != nil {
		return err
	}
	keep := url.Values{}
	for _, k := range []string{"status", "assignee", "campaign", "unread", "q"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	v := listView{Threads: items, Filter: keep, Status: f.Status, Assignee: q.Get("assignee"), Campaign: q.Get("campaign"),
		Unread: f.Unread, Q: f.Q, Statuses: Statuses, UnreadCap: UnreadCap}
	if next.ID != 0 {
		nq := url.Values{}
		for k, vs := range keep {
			nq[k] = vs
		}
		nq.Set("after", next.String())
		v.Next = "/inbox?" + nq.Encode()
	}
	if v.Members, err = answerers(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Campaigns, err = campaignOptions(ctx, h.DB, p.BrandID); err != nil {
		return err
	}
	if v.Weeks, err = WeeklyMetrics(ctx, h.DB, p.BrandID, h.Clock(), 8); err != nil {
		return err
	}
	if v.UnreadN, err = UnreadCount(ctx, h.DB, p.BrandID, p.UserID()); err != nil {
		return err
	}
	return h.Render.Page(w, r, "inbox/list", &web.View{Nav: "inbox", Data: v})
}

// answerers are the brand's team members who may answer creators.
func answerers(ctx context.Context, q db.Querier, brandID int64) ([]Option, error) {
	members, err := brand.Members(ctx, q, brandID)
	if err != nil {
		return nil, err
	}
	var out []Option
	for _, m := range members {
		if m.Role.Grants(auth.InboxReply) {
			name := m.User.Name
			if name == "" {
				name = m.User.Email
			}
			out = append(out, Option{Value: strconv.FormatInt(m.User.ID, 10), Label: name})
		}
	}
	return out, nil
}

// campaignOptions lists the brand's campaigns that are not archived, for
// the campaign filter.
func campaignOptions(ctx context.Context, q db.Querier, brandID int64) ([]Option, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM campaigns WHERE brand_id = ? AND status <> 'archived' ORDER BY name, id LIMIT 500`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Option
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out = append(out, Option{Value: strconv.FormatInt(id, 10), Label: name})
	}
	return out, rows.Err()
}

// duration shows a response time in the viewer's language, rounded to
// what a person reads: minutes under two hours, else hours, else days.
func duration(l *i18n.Localizer, d *time.Duration) string {
	if d == nil {
		return "–"
	}
	switch {
	case *d < 2*time.Hour:
		return l.T("inbox.minutes", "n", int64(d.Round(time.Minute)/time.Minute))
	case *d < 48*time.Hour:
		return l.T("inbox.hours", "n", l.Decimal(d.Hours(), 1))
	}
	return l.T("inbox.days", "n", l.Decimal(d.Hours()/24, 1))
}

func threadPath(id int64) string { return fmt.Sprintf("/inbox/threads/%d", id) }
