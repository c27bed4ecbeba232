package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
)

// MaxFormBytes bounds a form post.
const MaxFormBytes = 1 << 20

// ParseForm reads a posted form with a size limit.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Malformed, "The form could not be read.")
	}
	return nil
}

// FormValues copies the posted values for re-display after an error.
func FormValues(r *http.Request) map[string]string {
	out := map[string]string{}
	for k, v := range r.PostForm {
		out[k] = strings.Join(v, "\n")
	}
	return out
}

// SafeNext returns next when it is a path on this site, else fallback,
// so a crafted link can't send a user elsewhere after sign-in.
func SafeNext(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}

// PathID parses a numeric path value; anything else is not found.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "not found")
	}
	return id, nil
}

// ClientIP is the remote address without its port.
func ClientIP(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// SetSessionCookie sets the session cookie.
func (d *Deps) SetSessionCookie(w http.ResponseWriter, secret string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: d.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int((90 * 24 * 3600))})
}

// ClearSessionCookie removes the session cookie.
func (d *Deps) ClearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: d.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// Link returns an absolute URL for path, for emails.
func (d *Deps) Link(path string) string {
	return strings.TrimRight(d.Config.BaseURL, "/") + path
}

// IDs parses the positive whole numbers among form values (ticked rows of
// a bulk form), skipping anything else.
func IDs(values []string) []int64 {
	var ids []int64
	for _, v := range values {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// AfterBulk answers a bulk form and returns to the page it came from
// (the form's "back" field when it is a local path, else fallback): a
// validation problem is shown there as the flash message, success as
// done; any other error is returned for the router to report.
func AfterBulk(w http.ResponseWriter, r *http.Request, err error, fallback, done string) error {
	back := SafeNext(r.PostFormValue("back"), fallback)
	if apperr.CodeOf(err) == apperr.Invalid {
		msgs := FieldErrors(Localizer(r), err)
		keys := make([]string, 0, len(msgs))
		for k := range msgs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		SetFlash(w, msgs[keys[0]])
		Redirect(w, r, back)
		return nil
	}
	if err != nil {
		return err
	}
	SetFlash(w, done)
	Redirect(w, r, back)
	return nil
}
