package inbox

import (
	"context"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

// CannedChoice is a canned answer filled for one thread.
type CannedChoice struct {
	ID    int64
	Key   int // 1–9: the key that inserts it; 0 for none
	Title string
	Body  string
}

type threadView struct {
	T          *Thread
	Messages   []Message
	Canned     []CannedChoice
	Members    []Option
	Draft      string
	Newer      int64 // the thread above in the inbox (k), 0 for none
	Older      int64 // the thread below (j)
	ReplyAddr  string
	CanReply   bool
	FirstReply string
	Resolution string
}

const maxShownMessages = 500

func (h *pages) thread(w http.ResponseWriter, r *http.Request) error {
	return h.renderThread(w, r, http.StatusOK, "", nil)
}

func (h *pages) renderThread(w http.ResponseWriter, r *http.Request, status int, draft string, errs map[string]string) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := Get(ctx, h.DB, p.BrandID, p.UserID(), id)
	if err != nil {
		return err
	}
	v := threadView{T: t, Draft: draft, CanReply: p.Can(auth.InboxReply), ReplyAddr: ReplyAddress(h.Config.InboundDomain, t.ReplyToken)}
	if v.Messages, err = Messages(ctx, h.DB, p.BrandID, t.ID, 0, maxShownMessages); err != nil {
		return err
	}
	if len(v.Messages) > 0 {
		// Opening a thread reads it, for this person only.
		if err := MarkRead(ctx, h.DB, p.BrandID, t.ID, p.UserID(), v.Messages[len(v.Messages)-1].ID); err != nil {
			return err
		}
	}
	if v.CanReply {
		sender := TeamAuthor(p, ChannelWeb).Name
		if v.Canned, err = h.cannedFor(ctx, t, sender); err != nil {
			return err
		}
		if v.Members, err = answerers(ctx, h.DB, p.BrandID); err != nil {
			return err
		}
		if c := r.URL.Query().Get("canned"); c != "" && draft == "" {
			// Without script, ?canned=ID fills the reply box.
			for _, x := range v.Canned {
				if strconv.FormatInt(x.ID, 10) == c {
					v.Draft = x.Body
				}
			}
		}
	}
	if v.Newer, v.Older, err = neighbours(ctx, h.DB, p.BrandID, t); err != nil {
		return err
	}
	l := web.Localizer(r)
	v.FirstReply, v.Resolution = duration(l, t.FirstResponseTime()), duration(l, t.ResolutionTime())
	return h.Render.PageStatus(w, r, status, "inbox/thread", &web.View{Nav: "inbox", Data: v, Errors: errs})
}

// cannedFor lists the brand's canned answers filled for the thread: those
// in the creator's language first, each of the first nine with its key.
func (h *pages) cannedFor(ctx context.Context, t *Thread, sender string) ([]CannedChoice, error) {
	all, err := ListCanned(ctx, h.DB, t.BrandID, "")
	if err != nil {
		return nil, err
	}
	locale, err := creatorLocale(ctx, h.DB, t)
	if err != nil {
		return nil, err
	}
	var first, rest []CannedChoice
	for _, c := range all {
		x := CannedChoice{ID: c.ID, Title: c.Title + " (" + c.Locale + ")", Body: MergeCanned(c.Body, t, sender)}
		if c.Locale == locale {
			first = append(first, x)
		} else {
			rest = append(rest, x)
		}
	}
	out := append(first, rest...)
	for i := range out {
		if i < 9 {
			out[i].Key = i + 1
		}
	}
	return out, nil
}

// creatorLocale is the language Roster writes to the thread's creator in.
func creatorLocale(ctx context.Context, q db.Querier, t *Thread) (string, error) {
	var languages, identity, fallback string
	err := q.QueryRowContext(ctx, `SELECT c.languages, COALESCE(i.locale, ''), b.default_locale FROM creators c
		JOIN brands b ON b.id = c.brand_id LEFT JOIN creator_identities i ON i.email = c.email AND c.email <> ''
		WHERE c.id = ?`, t.CreatorID).Scan(&languages, &identity, &fallback)
	if err != nil {
		return "", err
	}
	if i18n.IsSupported(identity) {
		return identity, nil
	}
	return invite.LocaleFor(splitList(languages), fallback), nil
}

// neighbours are the threads just above and below t in the unfiltered
// inbox (newest activity first), for the j and k keys.
func neighbours(ctx context.Context, q db.Querier, brandID int64, t *Thread) (int64, int64, error) {
	at := t.LastMessageAt.UnixMilli()
	var newer, older int64
	err := q.QueryRowContext(ctx, `SELECT id FROM inbox_threads WHERE brand_id = ? AND (last_message_at > ? OR (last_message_at = ? AND id > ?))
		ORDER BY last_message_at, id LIMIT 1`, brandID, at, at, t.ID).Scan(&newer)
	if err != nil && !db.IsNoRows(err) {
		return 0, 0, err
	}
	err = q.QueryRowContext(ctx, `SELECT id FROM inbox_threads WHERE brand_id = ? AND (last_message_at < ? OR (last_message_at = ? AND id < ?))
		ORDER BY last_message_at DESC, id DESC LIMIT 1`, brandID, at, at, t.ID).Scan(&older)
	if err != nil && !db.IsNoRows(err) {
		return 0, 0, err
	}
	return newer, older, nil
}

func (h *pages) reply(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := Get(ctx, h.DB, p.BrandID, p.UserID(), id); err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	body := r.PostFormValue("body")
	_, err = h.svc.Post(ctx, p.BrandID, id, TeamAuthor(p, ChannelWeb), body)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderThread(w, r, http.StatusUnprocessableEntity, body, web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	if r.PostFormValue("close") == "1" {
		if _, err := h.svc.SetStatus(ctx, p, id, Closed); err != nil {
			return err
		}
		web.SetFlash(w, l.T("inbox.sent_closed"))
	} else {
		web.SetFlash(w, l.T("inbox.sent"))
	}
	web.Redirect(w, r, threadPath(id))
	return nil
}

func (h *pages) status(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := h.own(r)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	status := r.PostFormValue("status")
	_, err = h.svc.SetStatus(ctx, p, id, status)
	switch {
	case apperr.CodeOf(err) == apperr.Invalid:
		web.SetFlash(w, web.FieldErrors(l, err)["status"])
	case err != nil:
		return err
	default:
		web.SetFlash(w, l.T("inbox.status_set", "status", l.T(statusKey(status))))
	}
	web.Redirect(w, r, threadPath(id))
	return nil
}

func (h *pages) assign(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := h.own(r)
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	var to *int64
	switch v := r.PostFormValue("to"); v {
	case "me":
		me := p.UserID()
		to = &me
	case "none", "":
	default:
		n, _ := strconv.ParseInt(v, 10, 64)
		to = &n
	}
	if r.PostFormValue("to") == "" {
		web.SetFlash(w, l.T("inbox.validation.assignee"))
		web.Redirect(w, r, threadPath(id))
		return nil
	}
	t, err := h.svc.Assign(ctx, p, id, to)
	switch {
	case apperr.CodeOf(err) == apperr.Invalid:
		web.SetFlash(w, web.FieldErrors(l, err)["assignee_user_id"])
	case err != nil:
		return err
	case t.AssigneeID == nil:
		web.SetFlash(w, l.T("inbox.unassigned_done"))
	default:
		web.SetFlash(w, l.T("inbox.assigned_done", "name", t.AssigneeName))
	}
	web.Redirect(w, r, threadPath(id))
	return nil
}

func (h *pages) unread(w http.ResponseWriter, r *http.Request) error {
	ctx, p := r.Context(), auth.FromContext(r.Context())
	id, err := h.own(r)
	if err != nil {
		return err
	}
	if err := MarkUnread(ctx, h.DB, p.BrandID, id, p.UserID()); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("inbox.marked_unread"))
	web.Redirect(w, r, "/inbox")
	return nil
}

// own checks that the path's thread is the brand's (else 404) and parses
// the posted form.
func (h *pages) own(r *http.Request) (int64, error) {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	if _, err := Get(r.Context(), h.DB, p.BrandID, p.UserID(), id); err != nil {
		return 0, err
	}
	return id, r.ParseForm()
}

// statusKey is a status's catalogue key (the templates build the same).
func statusKey(status string) string { return "inbox.status." + status }
