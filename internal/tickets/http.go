package tickets

import (
	"embed"
	"errors"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("tickets", templateFiles, template.FuncMap{
		"duration": Duration,
		"mb":       func(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) },
	})
}

// Duration says how long d is in l's language, at most two units.
func Duration(l *i18n.Localizer, d *time.Duration) string {
	if d == nil {
		return l.T("tickets.none")
	}
	mins := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case mins >= 24*60:
		return l.T("tickets.duration.days", "d", mins/(24*60), "h", mins%(24*60)/60)
	case mins >= 60:
		return l.T("tickets.duration.hours", "h", mins/60, "m", mins%60)
	}
	return l.T("tickets.duration.minutes", "m", mins)
}

// Register adds the ticket pages, the account team's queue and the API.
func Register(rt *web.Router, d *web.Deps) {
	h := &handlers{Deps: d, svc: &Service{DB: d.DB, Now: d.Clock, Link: d.Link}}
	rt.Page("GET", "/tickets", web.Brand, auth.TicketsOpen, h.list)
	rt.Page("GET", "/tickets/new", web.Brand, auth.TicketsOpen, h.newForm)
	rt.Page("POST", "/tickets", web.Brand, auth.TicketsOpen, h.create)
	rt.Page("GET", "/tickets/metrics", web.Brand, auth.TicketsOpen, h.metrics)
	rt.Page("GET", "/tickets/{id}", web.Brand, auth.TicketsOpen, h.show)
	rt.Page("POST", "/tickets/{id}/replies", web.Brand, auth.TicketsOpen, h.reply)
	rt.Page("POST", "/tickets/{id}/status", web.Brand, auth.TicketsOpen, h.status)
	rt.Page("POST", "/tickets/{id}/assign", web.Brand, auth.TicketsWork, h.assign)
	rt.Page("GET", "/tickets/attachments/{id}", web.Brand, auth.TicketsOpen, h.download)
	rt.Page("GET", "/tickets/queue", web.Brand, auth.TicketsWork, h.queue)
	rt.Page("POST", "/tickets/queue/{id}/open", web.Brand, auth.TicketsWork, h.queueOpen)
	h.registerAPI(rt)
}

type handlers struct {
	*web.Deps
	svc *Service
}

// readForm reads a ticket or reply form, with or without files: the
// files under "attachments" come back as uploads. A form too large as a
// whole is reported on the attachments field.
func readForm(w http.ResponseWriter, r *http.Request) ([]Upload, error) {
	// Room for every attachment at its limit plus the text fields.
	r.Body = http.MaxBytesReader(w, r.Body, MaxAttachments*MaxAttachmentBytes+web.MaxFormBytes)
	err := r.ParseMultipartForm(8 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		return nil, web.ParseForm(w, r)
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		var errs apperr.Fields
		addErr(&errs, "attachments", "tickets.error.too_many_attachments", "max", MaxAttachments)
		return nil, errs.Err()
	}
	if err != nil {
		return nil, apperr.New(apperr.Malformed, "The form could not be read.")
	}
	var ups []Upload
	for _, fh := range r.MultipartForm.File["attachments"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue // the browser sends an empty part when no file is chosen
		}
		data, err := readPart(fh)
		if err != nil {
			return nil, err
		}
		ups = append(ups, Upload{Filename: fh.Filename, Data: data})
	}
	return ups, nil
}

// readPart reads at most one byte past the limit, enough for the size
// check to say the file is too big without holding all of it.
func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxAttachmentBytes+1))
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) error {
	var errs apperr.Fields
	f := filterOf(r, &errs)
	if errs.Err() != nil {
		f = Filter{}
	}
	var before int64
	if s := r.URL.Query().Get("before"); s != "" {
		before, _ = strconv.ParseInt(s, 10, 64)
	}
	const page = 50
	items, err := List(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, f, before, page+1)
	if err != nil {
		return err
	}
	var next int64
	if len(items) > page {
		items, next = items[:page], items[page-1].ID
	}
	return h.Render.Page(w, r, "tickets/list", &web.View{Nav: "tickets", Data: map[string]any{
		"Tickets": items, "Filter": f, "Statuses": Statuses, "Priorities": Priorities, "Next": next,
	}})
}

func (h *handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderNew(w, r, http.StatusOK, map[string]string{"priority": "normal"}, nil)
}

func (h *handlers) renderNew(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error) error {
	return h.Render.PageStatus(w, r, status, "tickets/new", &web.View{Nav: "tickets", Form: form, Errors: fieldErrors(r, err),
		Data: map[string]any{"Priorities": Priorities, "MaxFiles": MaxAttachments, "MaxMB": MaxAttachmentBytes >> 20}})
}

// fieldErrors are the form's messages; those of single files also show
// together by the attachments input.
func fieldErrors(r *http.Request, err error) map[string]string {
	errs := web.FieldErrors(web.Localizer(r), err)
	var files []string
	if e, ok := apperr.As(err); ok {
		for _, f := range e.Fields {
			if strings.HasPrefix(f.Field, "attachments.") {
				files = append(files, errs[f.Field])
			}
		}
	}
	if len(files) > 0 {
		if errs["attachments"] != "" {
			files = append([]string{errs["attachments"]}, files...)
		}
		errs["attachments"] = strings.Join(files, " ")
	}
	return errs
}

func (h *handlers) create(w http.ResponseWriter, r *http.Request) error {
	ups, err := readForm(w, r)
	form := formValues(r)
	if err == nil {
		var t *Ticket
		t, err = h.svc.Open(r.Context(), auth.FromContext(r.Context()), NewTicket{
			Subject: form["subject"], Description: form["description"], Priority: form["priority"], Attachments: ups})
		if err == nil {
			h.WakeJobs()
			web.SetFlash(w, web.Localizer(r).T("tickets.created", "id", strconv.FormatInt(t.ID, 10)))
			web.Redirect(w, r, "/tickets/"+strconv.FormatInt(t.ID, 10))
			return nil
		}
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderNew(w, r, http.StatusUnprocessableEntity, form, err)
	}
	return err
}

// formValues are the posted text fields, multipart or not.
func formValues(r *http.Request) map[string]string {
	out := map[string]string{}
	if r.MultipartForm != nil {
		for k, v := range r.MultipartForm.Value {
			out[k] = strings.Join(v, "\n")
		}
		return out
	}
	return web.FormValues(r)
}

// threadView is the ticket page's data.
type threadView struct {
	T          *Thread
	Team       bool
	Assignees  []Member
	Moves      []string // statuses the viewer may set by hand from here
	Statuses   []string
	MaxFiles   int
	MaxMB      int
	Priorities []string
}

func (h *handlers) renderShow(w http.ResponseWriter, r *http.Request, status int, id int64, form map[string]string, err error) error {
	p := auth.FromContext(r.Context())
	th, gerr := GetThread(r.Context(), h.DB, p.BrandID, id)
	if gerr != nil {
		return gerr
	}
	v := threadView{T: th, Team: fromTeam(p), Statuses: Statuses, MaxFiles: MaxAttachments, MaxMB: MaxAttachmentBytes >> 20}
	for _, s := range Statuses {
		if s != th.Status && allowedMove(v.Team, th.Status, s) {
			v.Moves = append(v.Moves, s)
		}
	}
	if v.Team {
		if v.Assignees, gerr = accountManagers(r.Context(), h.DB, p.BrandID); gerr != nil {
			return gerr
		}
	}
	return h.Render.PageStatus(w, r, status, "tickets/show", &web.View{Nav: "tickets", Data: v, Form: form, Errors: fieldErrors(r, err)})
}

func (h *handlers) show(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.renderShow(w, r, http.StatusOK, id, nil, nil)
}

// afterWrite redirects back to the ticket with a flash, or re-renders it
// with the messages by the fields.
func (h *handlers) afterWrite(w http.ResponseWriter, r *http.Request, id int64, err error, flash string) error {
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderShow(w, r, http.StatusUnprocessableEntity, id, formValues(r), err)
	}
	if err != nil {
		return err
	}
	h.WakeJobs()
	web.SetFlash(w, flash)
	web.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10))
	return nil
}

func (h *handlers) reply(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	if _, err := Get(r.Context(), h.DB, p.BrandID, id); err != nil {
		return err
	}
	ups, err := readForm(w, r)
	if err == nil {
		form := formValues(r)
		_, err = h.svc.Reply(r.Context(), p, id, ReplyInput{Body: form["body"], Status: form["status"], Attachments: ups})
	}
	return h.afterWrite(w, r, id, err, web.Localizer(r).T("tickets.replied"))
}

func (h *handlers) status(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	status := r.PostFormValue("status")
	err = h.svc.SetStatus(r.Context(), auth.FromContext(r.Context()), id, status)
	l := web.Localizer(r)
	return h.afterWrite(w, r, id, err, l.T("tickets.status_changed", "status", l.T(statusKey(status))))
}

func (h *handlers) assign(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var user int64
	if s := r.PostFormValue("assignee_id"); s != "" {
		if user, err = strconv.ParseInt(s, 10, 64); err != nil {
			user = -1 // not a person: the service says so by the field
		}
	}
	err = h.svc.Assign(r.Context(), auth.FromContext(r.Context()), id, user)
	return h.afterWrite(w, r, id, err, web.Localizer(r).T("tickets.assigned"))
}

// download sends an attachment as a download, never rendered inline, and
// with its sniffed type pinned, so a file can't act as a page of Roster.
func (h *handlers) download(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := GetAttachment(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Filename}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Data)))
	_, err = w.Write(a.Data)
	return err
}
