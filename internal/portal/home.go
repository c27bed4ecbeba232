package portal

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/invite"
	"github.com/rosterhq/roster/internal/web"
)

// ApplicationsFor lists a person's applications across brands for the
// portal home. It is a hook for the applications room: nil until that
// room sets it (from its own package init), and then called with the
// signed-in identity's email.
var ApplicationsFor func(r *http.Request, email string) ([]ApplicationItem, error)

// ApplicationItem is one application as the portal home shows it.
type ApplicationItem struct {
	BrandName string
	Status    string // a catalogue key's last part, e.g. "submitted"
	StatusKey string // the full catalogue key for the status
	Submitted string // already formatted
}

// CampaignsFor lists a person's campaign offers across brands for the
// portal home: a hook the participant room sets (from its package init);
// it reads through q, the portal's database.
var CampaignsFor func(r *http.Request, q db.Querier, email string) ([]CampaignItem, error)

// CampaignItem is one campaign offer as the portal home shows it.
type CampaignItem struct {
	Link         string
	BrandName    string
	CampaignName string
	StatusKey    string // the catalogue key of the offer's status
	Waiting      bool   // waits for the creator's answer
}

type homeView struct {
	Me           *Identity
	Invitations  []invite.Invitation
	Applications []ApplicationItem
	HasApps      bool
	Campaigns    []CampaignItem
}

func (h *handlers) home(w http.ResponseWriter, r *http.Request, me *Identity) error {
	invs, err := invite.ForEmail(r.Context(), h.DB, me.Email)
	if err != nil {
		return err
	}
	v := homeView{Me: me, Invitations: invs}
	if ApplicationsFor != nil {
		v.HasApps = true
		if v.Applications, err = ApplicationsFor(r, me.Email); err != nil {
			return err
		}
	}
	if CampaignsFor != nil {
		if v.Campaigns, err = CampaignsFor(r, h.DB, me.Email); err != nil {
			return err
		}
	}
	return h.Render.Page(w, r, "portal/home", &web.View{L: localizer(r, me), Data: v})
}

// own loads one of the signed-in creator's invitations; anyone else's is
// NotFound, exactly like one that doesn't exist.
func (h *handlers) own(r *http.Request, me *Identity) (*invite.Invitation, error) {
	id, err := strconv.ParseInt(r.PathValue("invitation"), 10, 64)
	if err != nil || id <= 0 {
		return nil, apperr.New(apperr.NotFound, "not found")
	}
	return invite.GetForEmail(r.Context(), h.DB, me.Email, id)
}

func (h *handlers) invitation(w http.ResponseWriter, r *http.Request, me *Identity) error {
	inv, err := h.own(r, me)
	if err != nil {
		return err
	}
	return h.Render.Page(w, r, "portal/invitation", &web.View{L: localizer(r, me), Data: map[string]any{"Me": me, "Inv": inv}})
}

func (h *handlers) accept(w http.ResponseWriter, r *http.Request, me *Identity) error {
	return h.respond(w, r, me, true)
}

func (h *handlers) decline(w http.ResponseWriter, r *http.Request, me *Identity) error {
	return h.respond(w, r, me, false)
}

func (h *handlers) respond(w http.ResponseWriter, r *http.Request, me *Identity, accept bool) error {
	inv, err := h.own(r, me)
	if err != nil {
		return err
	}
	l := localizer(r, me)
	_, err = h.invites.Respond(r.Context(), me.Email, inv.ID, accept)
	switch {
	case apperr.CodeOf(err) == apperr.Conflict:
		web.SetFlash(w, l.T("portal.already_answered"))
	case err != nil:
		return err
	case accept:
		web.SetFlash(w, l.T("portal.accepted", "brand", inv.BrandName))
	default:
		web.SetFlash(w, l.T("portal.declined", "brand", inv.BrandName))
	}
	web.Redirect(w, r, "/portal/home")
	return nil
}
