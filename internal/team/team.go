// Package team is a brand's people and its API tokens: who is on the
// team with which role, invitations by email, and tokens for scripts.
package team

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet { return web.Templates("team", templateFiles, nil) }

// Handlers serves the team and token pages.
type Handlers struct{ *web.Deps }

// Register adds the routes.
func Register(rt *web.Router, d *web.Deps) {
	h := &Handlers{d}
	rt.Page("GET", "/team", web.Brand, auth.TeamRead, h.list)
	rt.Page("POST", "/team/invite", web.Brand, auth.TeamManage, h.invite)
	rt.Page("POST", "/team/{id}/role", web.Brand, auth.TeamManage, h.changeRole)
	rt.Page("POST", "/team/{id}/remove", web.Brand, auth.TeamManage, h.remove)
	rt.Page("GET", "/tokens", web.Brand, auth.TokensManage, h.tokens)
	rt.Page("POST", "/tokens", web.Brand, auth.TokensManage, h.createToken)
	rt.Page("POST", "/tokens/{id}/revoke", web.Brand, auth.TokensManage, h.revokeToken)
}

// AssignableRoles are the roles p may give others: account managers are
// the platform's own staff, so only platform admins assign that role.
func AssignableRoles(p *auth.Principal) []auth.Role {
	var out []auth.Role
	for _, r := range auth.MembershipRoles {
		if r == auth.AccountManager && (p.User == nil || !p.User.IsPlatformAdmin) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func canAssign(p *auth.Principal, r auth.Role) bool {
	for _, a := range AssignableRoles(p) {
		if a == r {
			return true
		}
	}
	return false
}

type listView struct {
	Members   []brand.Member
	Roles     []auth.Role
	CanManage bool
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	return h.renderList(w, r, http.StatusOK, nil, nil)
}

func (h *Handlers) renderList(w http.ResponseWriter, r *http.Request, status int, errs, form map[string]string) error {
	p := auth.FromContext(r.Context())
	members, err := brand.Members(r.Context(), h.DB, p.BrandID)
	if err != nil {
		return err
	}
	return h.Render.PageStatus(w, r, status, "team/list", &web.View{Nav: "team", Errors: errs, Form: form,
		Data: listView{Members: members, Roles: AssignableRoles(p), CanManage: p.Can(auth.TeamManage)}})
}

// member loads the target of a role change or removal, refusing people
// of other brands (not found) and oneself (no self-lockout).
func (h *Handlers) member(r *http.Request) (*auth.Principal, int64, auth.Role, error) {
	p := auth.FromContext(r.Context())
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, 0, "", err
	}
	role, err := brand.RoleOf(r.Context(), h.DB, p.BrandID, id)
	if err != nil {
		return nil, 0, "", apperr.New(apperr.NotFound, "member not found")
	}
	if id == p.UserID() {
		return nil, 0, "", apperr.New(apperr.Conflict, "You cannot change your own role or remove yourself.")
	}
	return p, id, role, nil
}

func (h *Handlers) changeRole(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	p, id, old, err := h.member(r)
	if err != nil {
		return err
	}
	role := auth.Role(r.PostFormValue("role"))
	if !canAssign(p, role) || (old == auth.AccountManager && !canAssign(p, old)) {
		return apperr.New(apperr.Forbidden, "You cannot give or take this role.")
	}
	now := h.Clock()
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if err := brand.SetMember(r.Context(), tx, p.BrandID, id, role, now); err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "update", "member", strconv.FormatInt(id, 10),
			map[string]audit.Change{"role": {From: string(old), To: string(role)}}, now)
	})
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("team.role_changed"))
	web.Redirect(w, r, "/team")
	return nil
}

func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) error {
	p, id, old, err := h.member(r)
	if err != nil {
		return err
	}
	if !canAssign(p, old) {
		return apperr.New(apperr.Forbidden, "You cannot remove someone with this role.")
	}
	now := h.Clock()
	err = h.DB.InTx(r.Context(), func(tx *db.Tx) error {
		if err := brand.RemoveMember(r.Context(), tx, p.BrandID, id); err != nil {
			return err
		}
		return audit.Record(r.Context(), tx, p, p.BrandID, "delete", "member", strconv.FormatInt(id, 10),
			map[string]audit.Change{"role": {From: string(old)}}, now)
	})
	if err != nil {
		return err
	}
	web.SetFlash(w, web.Localizer(r).T("team.removed"))
	web.Redirect(w, r, "/team")
	return nil
}
