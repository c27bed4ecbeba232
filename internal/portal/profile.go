package portal

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

// accountRows is how many social account rows the profile form shows
// beyond the creator's own.
const accountRows = 2

// record is one brand's creator record of the signed-in person.
type record struct {
	ID, BrandID int64
	BrandName   string
}

func records(ctx context.Context, q db.Querier, email string) ([]record, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.brand_id, b.name FROM creators c JOIN brands b ON b.id = c.brand_id
		WHERE c.email = ? ORDER BY c.id`, email)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []record
	for rows.Next() {
		var r record
		if err := rows.Scan(&r.ID, &r.BrandID, &r.BrandName); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

type profileView struct {
	Rows      []int
	Platforms []string
	Locales   []i18n.LocaleName
}

func (h *handlers) profileForm(w http.ResponseWriter, r *http.Request, me *Identity) error {
	form := map[string]string{"name": me.Name, "locale": me.Locale, "ship_name": me.Ship.Name, "ship_line1": me.Ship.Line1,
		"ship_line2": me.Ship.Line2, "ship_city": me.Ship.City, "ship_region": me.Ship.Region, "ship_postal_code": me.Ship.PostalCode,
		"ship_country": me.Ship.Country, "ship_phone": me.Ship.Phone}
	recs, err := records(r.Context(), h.DB, me.Email)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	n := 0
	for _, rec := range recs {
		c, err := h.creators.Store.Get(r.Context(), h.DB, rec.BrandID, rec.ID)
		if err != nil {
			return err
		}
		if form["languages"] == "" {
			form["languages"] = strings.Join(c.Languages, ", ")
		}
		for _, a := range c.SocialAccounts {
			if key := a.Platform + " " + a.Handle; !seen[key] {
				seen[key] = true
				form["platform_"+strconv.Itoa(n)], form["handle_"+strconv.Itoa(n)] = a.Platform, a.Handle
				n++
			}
		}
	}
	return h.renderProfile(w, r, me, http.StatusOK, n+accountRows, form, nil)
}

func (h *handlers) renderProfile(w http.ResponseWriter, r *http.Request, me *Identity, status, rows int, form, errs map[string]string) error {
	v := profileView{Platforms: creator.Platforms, Locales: i18n.Names()}
	for i := range rows {
		v.Rows = append(v.Rows, i)
	}
	return h.Render.PageStatus(w, r, status, "portal/profile", &web.View{L: localizer(r, me), Data: v, Form: form, Errors: errs})
}

// saveProfile updates the identity and carries name, languages and social
// accounts to every brand's record of this creator, through creator.Service
// so each brand's audit log names the creator. A handle another creator
// of one of those brands has is refused before anything is written.
func (h *handlers) saveProfile(w http.ResponseWriter, r *http.Request, me *Identity) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	form := web.FormValues(r)
	rows := 0
	for k := range form {
		if i, err := strconv.Atoi(strings.TrimPrefix(k, "handle_")); err == nil && strings.HasPrefix(k, "handle_") && i+1 > rows {
			rows = i + 1
		}
	}
	rows = min(rows, 20)
	probe := creator.Fields{DisplayName: form["name"], Languages: strings.Split(form["languages"], ",")}
	var rowOf []int // validated account index → form row
	for i := range rows {
		s := strconv.Itoa(i)
		if strings.TrimSpace(form["handle_"+s]) == "" {
			continue
		}
		probe.SocialAccounts = append(probe.SocialAccounts, creator.SocialAccountInput{Platform: form["platform_"+s], Handle: form["handle_"+s]})
		rowOf = append(rowOf, i)
	}
	l := localizer(r, me)
	errs := profileErrors(l, creator.Validate(&probe), rowOf)
	next := *me
	next.Name = probe.DisplayName
	next.Locale = form["locale"]
	if next.Locale != "" && !i18n.IsSupported(next.Locale) {
		errs["locale"] = l.T("validation.choose_from_list")
	}
	next.Ship = shippingFrom(form, l, errs)
	recs, err := records(ctx, h.DB, me.Email)
	if err != nil {
		return err
	}
	if len(errs) == 0 {
		if err := h.checkHandles(ctx, recs, probe.SocialAccounts, rowOf, l, errs); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return h.renderProfile(w, r, me, http.StatusUnprocessableEntity, rows, form, errs)
	}
	now := h.Clock()
	err = h.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := saveIdentity(ctx, tx, &next, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, invite.CreatorPrincipal(me.Email, 0), 0, "update", "creator_identity", strconv.FormatInt(me.ID, 10),
			audit.Diff(identitySnapshot(me), identitySnapshot(&next)), now)
	})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		if err := h.propagate(ctx, me.Email, rec, probe); err != nil {
			if e, ok := apperr.As(err); ok && (e.Code == apperr.Conflict || e.Code == apperr.Invalid) {
				return h.renderProfile(w, r, &next, http.StatusUnprocessableEntity, rows, form, profileErrors(l, e.Fields, rowOf))
			}
			return err
		}
	}
	web.SetFlash(w, localizer(r, &next).T("portal.profile_saved"))
	web.Redirect(w, r, "/portal/profile")
	return nil
}

// propagate writes name, languages and accounts onto one brand's record,
// keeping the metrics the brand has for accounts that stay.
func (h *handlers) propagate(ctx context.Context, email string, rec record, probe creator.Fields) error {
	c, err := h.creators.Store.Get(ctx, h.DB, rec.BrandID, rec.ID)
	if err != nil {
		return err
	}
	f := creator.FieldsOf(c)
	f.DisplayName, f.Languages = probe.DisplayName, probe.Languages
	f.SocialAccounts = nil
	for _, a := range probe.SocialAccounts {
		for _, old := range c.SocialAccounts {
			if old.Platform == a.Platform && old.Handle == a.Handle {
				a.Followers, a.EngagementRate, a.MetricsSource = old.Followers, old.EngagementRate, old.MetricsSource
			}
		}
		f.SocialAccounts = append(f.SocialAccounts, a)
	}
	_, err = h.creators.Update(ctx, invite.CreatorPrincipal(email, rec.BrandID), rec.ID, f)
	return err
}

// checkHandles refuses a handle another creator of one of the person's
// brands has, naming the brand but not the other creator.
func (h *handlers) checkHandles(ctx context.Context, recs []record, accounts []creator.SocialAccountInput, rowOf []int,
	l *i18n.Localizer, errs map[string]string) error {
	for i, a := range accounts {
		for _, rec := range recs {
			var n int
			err := h.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM social_accounts WHERE brand_id = ? AND platform = ? AND handle = ? AND creator_id <> ?`,
				rec.BrandID, a.Platform, a.Handle, rec.ID).Scan(&n)
			if err != nil {
				return err
			}
			if n > 0 {
				errs["handle_"+strconv.Itoa(rowOf[i])] = l.T("portal.handle_taken", "brand", rec.BrandName)
				break
			}
		}
	}
	return nil
}

// profileErrors maps creator field errors onto the profile form's names.
func profileErrors(l *i18n.Localizer, fields apperr.Fields, rowOf []int) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		name := f.Field
		switch {
		case name == "display_name":
			name = "name"
		case strings.HasPrefix(name, "social_accounts["):
			idx, rest, _ := strings.Cut(strings.TrimPrefix(name, "social_accounts["), "].")
			i, err := strconv.Atoi(idx)
			if err != nil || i >= len(rowOf) {
				continue
			}
			name = rest + "_" + strconv.Itoa(rowOf[i])
			if f.Key == "validation.handle_taken" {
				out[name] = l.T("portal.handle_taken_here")
				continue
			}
		}
		if _, dup := out[name]; !dup {
			out[name] = l.T(f.Key, f.Args...)
		}
	}
	return out
}

const maxShipField = 200

func shippingFrom(form map[string]string, l *i18n.Localizer, errs map[string]string) Address {
	get := func(k string) string {
		v := strings.Join(strings.Fields(form[k]), " ")
		if utf8.RuneCountInString(v) > maxShipField {
			errs[k] = l.T("validation.too_long", "max", maxShipField)
		}
		return v
	}
	a := Address{Name: get("ship_name"), Line1: get("ship_line1"), Line2: get("ship_line2"), City: get("ship_city"),
		Region: get("ship_region"), PostalCode: get("ship_postal_code"), Country: strings.ToUpper(get("ship_country")), Phone: get("ship_phone")}
	if a.Country != "" && (len(a.Country) != 2 || strings.Trim(a.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		errs["ship_country"] = l.T("portal.country_code")
	}
	return a
}

func identitySnapshot(i *Identity) map[string]any {
	s := i.Ship
	return map[string]any{"name": i.Name, "locale": i.Locale, "ship_name": s.Name, "ship_line1": s.Line1, "ship_line2": s.Line2,
		"ship_city": s.City, "ship_region": s.Region, "ship_postal_code": s.PostalCode, "ship_country": s.Country, "ship_phone": s.Phone}
}
