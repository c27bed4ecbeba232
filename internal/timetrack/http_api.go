package timetrack

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/web"
)

func registerAPI(rt *web.Router, h *handlers) {
	rt.API("GET", "/api/v1/time-entries", auth.ProgramRead, "List the brand's time entries", h.apiList)
	rt.API("POST", "/api/v1/time-entries", auth.TimeLog, "Log a time entry", h.apiCreate)
	rt.API("GET", "/api/v1/utilization", auth.ProgramRead, "A month's hours used against the contract's commitments", h.apiUtilization)
}

const (
	apiPage    = 100
	apiMaxPage = 1000
)

func (h *handlers) apiList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var errs apperr.Fields
	f := Filter{From: q.Get("from"), To: q.Get("to"), Category: q.Get("category"), Limit: apiPage}
	for _, d := range []struct{ field, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" && !validDay(d.v) {
			fieldErr(&errs, d.field, "time.error.day")
		}
	}
	num := func(field string, dst *int64) {
		if s := q.Get(field); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				fieldErr(&errs, field, "validation.whole_number")
			}
			*dst = n
		}
	}
	num("user_id", &f.UserID)
	num("cursor", &f.After)
	num("limit", &f.Limit)
	if f.Limit < 1 || f.Limit > apiMaxPage {
		fieldErr(&errs, "limit", "validation.limit", "max", apiMaxPage)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	f.Limit++ // one more, to know whether there is a next page
	list, err := ListEntries(r.Context(), h.DB, p.BrandID, f)
	if err != nil {
		return err
	}
	out := api.List[Entry]{Data: list}
	if int64(len(list)) == f.Limit {
		out.Data = list[:len(list)-1]
		out.NextCursor = strconv.FormatInt(out.Data[len(out.Data)-1].ID, 10)
	}
	if out.Data == nil {
		out.Data = []Entry{}
	}
	api.WriteJSON(w, http.StatusOK, out)
	return nil
}

func validDay(s string) bool {
	_, err := parseDay(s)
	return err == nil
}

func (h *handlers) apiCreate(w http.ResponseWriter, r *http.Request) error {
	var in Input
	if err := api.Decode(w, r, &in); err != nil {
		return err
	}
	p := auth.FromContext(r.Context())
	e, err := h.svc.Log(r.Context(), p, in, SourceAPI)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/time-entries?user_id="+strconv.FormatInt(e.UserID, 10)+"&from="+e.Day+"&to="+e.Day)
	api.WriteJSON(w, http.StatusCreated, e)
	return nil
}

func (h *handlers) apiUtilization(w http.ResponseWriter, r *http.Request) error {
	month, err := h.monthParam(r)
	if err != nil {
		return err
	}
	u, err := Utilization(r.Context(), h.DB, auth.FromContext(r.Context()).BrandID, month, h.Clock())
	if err != nil {
		return err
	}
	api.WriteJSON(w, http.StatusOK, u)
	return nil
}
