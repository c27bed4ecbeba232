package campaign

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/web"
)

func (h *pages) transition(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	to := r.PostFormValue("status")
	_, err = h.svc.Transition(r.Context(), auth.FromContext(r.Context()), c.ID, to)
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderShow(w, r, http.StatusUnprocessableEntity, c, web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	l := web.Localizer(r)
	statusKey := "campaign.status." + to
	web.SetFlash(w, l.T("campaign.moved", "status", l.T(statusKey)))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID))
	return nil
}

func (h *pages) delete(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	err = h.svc.Delete(r.Context(), auth.FromContext(r.Context()), c.ID)
	if apperr.CodeOf(err) == apperr.Conflict {
		return h.renderShow(w, r, http.StatusConflict, c, map[string]string{"_": web.Localizer(r).T("campaign.delete_only_drafts")})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.deleted", "name", c.Name))
	web.Redirect(w, r, "/campaigns")
	return nil
}

type deliverableView struct {
	C         *Campaign
	ID        int64
	Platforms []string
	Kinds     []string
}

// target says which deliverable form a request is for: a new one of the
// campaign at /campaigns/{id}/deliverables…, or an existing one at
// /campaign-deliverables/{id}.
func (h *pages) target(r *http.Request) (*Campaign, *Deliverable, error) {
	if !strings.HasPrefix(r.URL.Path, "/campaign-deliverables/") {
		c, err := h.load(r)
		return c, nil, err
	}
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	p := auth.FromContext(r.Context())
	d, err := DeliverableByID(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return nil, nil, err
	}
	c, err := Get(r.Context(), h.DB, p.BrandID, d.CampaignID)
	return c, d, err
}

func (h *pages) deliverableForm(w http.ResponseWriter, r *http.Request) error {
	c, d, err := h.target(r)
	if err != nil {
		return err
	}
	form := map[string]string{"quantity": "1", "due_on": c.EndsOn}
	var id int64
	if d != nil {
		id = d.ID
		form = map[string]string{"platform": d.Platform, "kind": d.Kind, "quantity": strconv.Itoa(d.Quantity), "due_on": d.DueOn,
			"hashtags": strings.Join(d.Hashtags, " "), "mentions": strings.Join(d.Mentions, " "), "disclosure": d.Disclosure, "notes": d.Notes}
	}
	return h.renderDeliverable(w, r, http.StatusOK, c, id, form, nil)
}

func (h *pages) renderDeliverable(w http.ResponseWriter, r *http.Request, status int, c *Campaign, id int64, form, errs map[string]string) error {
	v := deliverableView{C: c, ID: id, Platforms: creator.Platforms, Kinds: Kinds}
	return h.Render.PageStatus(w, r, status, "campaign/deliverable", &web.View{Nav: "campaigns", Data: v, Form: form, Errors: errs})
}

func (h *pages) saveDeliverable(w http.ResponseWriter, r *http.Request) error {
	c, old, err := h.target(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	v := r.PostFormValue
	var errs apperr.Fields
	d := DeliverableFields{Platform: v("platform"), Kind: v("kind"), Quantity: wholeNumber(v("quantity"), "quantity", &errs), DueOn: v("due_on"),
		Hashtags: splitInput(v("hashtags")), Mentions: splitInput(v("mentions")), Disclosure: v("disclosure"), Notes: v("notes")}
	var id int64
	if old != nil {
		id = old.ID
	}
	if len(errs) == 0 {
		p := auth.FromContext(r.Context())
		if old == nil {
			_, err = h.svc.AddDeliverable(r.Context(), p, c.ID, d)
		} else {
			_, err = h.svc.UpdateDeliverable(r.Context(), p, c.ID, id, d)
		}
	} else {
		err = errs.Err()
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		return h.renderDeliverable(w, r, http.StatusUnprocessableEntity, c, id, web.FormValues(r), web.FieldErrors(web.Localizer(r), err))
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.deliverable_saved"))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID)+"#deliverables")
	return nil
}

func (h *pages) removeDeliverable(w http.ResponseWriter, r *http.Request) error {
	c, d, err := h.target(r)
	if err != nil {
		return err
	}
	if err := h.svc.RemoveDeliverable(r.Context(), auth.FromContext(r.Context()), c.ID, d.ID); err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.deliverable_removed"))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID)+"#deliverables")
	return nil
}

type kpisView struct {
	C       *Campaign
	Metrics []string
}

func (h *pages) kpisForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	list, err := KPIs(r.Context(), h.DB, c.BrandID, c.ID)
	if err != nil {
		return err
	}
	form := map[string]string{}
	for _, k := range list {
		form["kpi_"+k.Metric] = strconv.FormatInt(k.Target, 10)
	}
	return h.Render.Page(w, r, "campaign/kpis", &web.View{Nav: "campaigns", Data: kpisView{c, KPIMetrics}, Form: form})
}

// saveKPIs takes one input per metric (kpi_<metric>); a blank one means
// no target for it.
func (h *pages) saveKPIs(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var list []KPITarget
	var inputs []string // input name of list[i]
	var errs apperr.Fields
	for _, m := range KPIMetrics {
		s := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("kpi_"+m)), ",", "")
		if s == "" {
			continue
		}
		n, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil {
			add(&errs, "kpi_"+m, "validation.whole_number")
			continue
		}
		list, inputs = append(list, KPITarget{Metric: m, Target: n}), append(inputs, "kpi_"+m)
	}
	if len(errs) == 0 {
		_, err = h.svc.SetKPIs(r.Context(), auth.FromContext(r.Context()), c.ID, list)
		if e, ok := apperr.As(err); ok && e.Code == apperr.Invalid {
			for _, fe := range e.Fields {
				i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(fe.Field, "kpis["), "].target"))
				if i >= 0 && i < len(inputs) {
					fe.Field = inputs[i]
				}
				errs = append(errs, fe)
			}
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "campaign/kpis", &web.View{Nav: "campaigns",
			Data: kpisView{c, KPIMetrics}, Form: web.FormValues(r), Errors: web.FieldErrors(web.Localizer(r), errs.Err())})
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.kpis_saved"))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID)+"#kpis")
	return nil
}

type termsView struct {
	C        *Campaign
	Channels []string
	Checked  []string
	History  []Terms
}

func (h *pages) termsForm(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	hist, err := TermsHistory(r.Context(), h.DB, c.BrandID, c.ID)
	if err != nil {
		return err
	}
	form := map[string]string{"territories": "US", "duration_days": "90", "exclusivity_days": "0"}
	v := termsView{C: c, Channels: Channels, History: hist, Checked: []string{"organic_social"}}
	if len(hist) > 0 {
		t := hist[0]
		form = map[string]string{"territories": strings.Join(t.Territories, " "), "duration_days": strconv.Itoa(t.DurationDays),
			"exclusivity_days": strconv.Itoa(t.ExclusivityDays), "notes": t.Notes}
		if t.PaidMedia {
			form["paid_media"] = "1"
		}
		v.Checked = t.Channels
	}
	return h.Render.Page(w, r, "campaign/terms", &web.View{Nav: "campaigns", Data: v, Form: form})
}

func (h *pages) publishTerms(w http.ResponseWriter, r *http.Request) error {
	c, err := h.load(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	var errs apperr.Fields
	t := TermsFields{Channels: r.PostForm["channels"], Territories: splitInput(r.PostFormValue("territories")),
		DurationDays:    wholeNumber(r.PostFormValue("duration_days"), "duration_days", &errs),
		ExclusivityDays: wholeNumber(r.PostFormValue("exclusivity_days"), "exclusivity_days", &errs),
		PaidMedia:       r.PostFormValue("paid_media") != "", Notes: r.PostFormValue("notes")}
	var published *Terms
	if len(errs) == 0 {
		published, err = h.svc.PublishTerms(r.Context(), auth.FromContext(r.Context()), c.ID, t)
	} else {
		err = errs.Err()
	}
	if apperr.CodeOf(err) == apperr.Invalid {
		hist, herr := TermsHistory(r.Context(), h.DB, c.BrandID, c.ID)
		if herr != nil {
			return herr
		}
		v := termsView{C: c, Channels: Channels, History: hist, Checked: r.PostForm["channels"]}
		return h.Render.PageStatus(w, r, http.StatusUnprocessableEntity, "campaign/terms", &web.View{Nav: "campaigns", Data: v,
			Form: web.FormValues(r), Errors: web.FieldErrors(web.Localizer(r), err)})
	}
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("campaign.terms_published", "version", published.Version))
	web.Redirect(w, r, "/campaigns/"+itoa(c.ID)+"#terms")
	return nil
}
