package participant

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
)

var errNotFound = apperr.New(apperr.NotFound, "participant not found")

func isNotFound(err error) bool { return apperr.CodeOf(err) == apperr.NotFound }

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const selectParticipant = `SELECT p.id, p.brand_id, p.campaign_id, p.creator_id, c.display_name, c.email, c.followers_total,
	p.stage, p.offer_status, p.offer_id, p.locale, p.created_at, p.updated_at
	FROM campaign_participants p JOIN creators c ON c.id = p.creator_id `

func scanParticipant(row interface{ Scan(...any) error }) (*Participant, error) {
	var p Participant
	var offer sql.NullInt64
	var created, updated int64
	err := row.Scan(&p.ID, &p.BrandID, &p.CampaignID, &p.CreatorID, &p.CreatorName, &p.Email, &p.Followers,
		&p.Stage, &p.OfferStatus, &offer, &p.Locale, &created, &updated)
	if db.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	if offer.Valid {
		p.OfferID = &offer.Int64
	}
	p.CreatedAt, p.UpdatedAt = ms(created), ms(updated)
	return &p, nil
}

func queryParticipants(ctx context.Context, q db.Querier, where string, args ...any) ([]Participant, error) {
	rows, err := q.QueryContext(ctx, selectParticipant+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Participant{}
	for rows.Next() {
		p, err := scanParticipant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// Get returns one participant of the brand, or NotFound.
func Get(ctx context.Context, q db.Querier, brandID, id int64) (*Participant, error) {
	return scanParticipant(q.QueryRowContext(ctx, selectParticipant+`WHERE p.brand_id = ? AND p.id = ?`, brandID, id))
}

// List returns a campaign's participants newest first, optionally in one
// stage, with ids below beforeID when it is not 0.
func List(ctx context.Context, q db.Querier, brandID, campaignID int64, stage string, beforeID int64, limit int) ([]Participant, error) {
	if beforeID <= 0 {
		beforeID = 1 << 62
	}
	if stage != "" {
		return queryParticipants(ctx, q, `WHERE p.brand_id = ? AND p.campaign_id = ? AND p.stage = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?`,
			brandID, campaignID, stage, beforeID, limit)
	}
	return queryParticipants(ctx, q, `WHERE p.brand_id = ? AND p.campaign_id = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?`,
		brandID, campaignID, beforeID, limit)
}

// ForEmail returns the participations of the person with this email in
// every brand, newest first: what the creator portal lists.
func ForEmail(ctx context.Context, q db.Querier, email string) ([]Participant, error) {
	return queryParticipants(ctx, q, `WHERE c.email = ? ORDER BY p.id DESC LIMIT 200`, auth.NormalizeEmail(email))
}

// GetForEmail returns one participation of the person with this email;
// anybody else's is NotFound.
func GetForEmail(ctx context.Context, q db.Querier, email string, id int64) (*Participant, error) {
	return scanParticipant(q.QueryRowContext(ctx, selectParticipant+`WHERE c.email = ? AND p.id = ?`, auth.NormalizeEmail(email), id))
}

// recordMove writes one stage event in the caller's transaction; every
// change of a participant's stage goes through it (or a stage removal,
// which moves everyone in the stage in bulk).
func recordMove(ctx context.Context, q db.Querier, p *auth.Principal, brandID, participantID int64, from, to, reason string, now time.Time) error {
	return StageSet.Members.Record(ctx, q, p, brandID, participantID, from, to, reason, now)
}

// History returns a participant's stage events, newest first.
func History(ctx context.Context, q db.Querier, brandID, participantID int64, limit int) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, participant_id, from_stage, to_stage, actor_user_id, actor_label, reason, at
		FROM participant_stage_events WHERE brand_id = ? AND participant_id = ? ORDER BY id DESC LIMIT ?`, brandID, participantID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		var at int64
		if err := rows.Scan(&e.ID, &e.ParticipantID, &e.From, &e.To, &e.ActorUserID, &e.Actor, &e.Reason, &at); err != nil {
			return nil, err
		}
		e.At = ms(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

const selectOffer = `SELECT id, participant_id, revision, made_by, deliverables, product, coupon_code, commission_bp, fee_minor, currency,
	starts_on, due_on, message, terms, actor_label, created_at FROM participant_offers `

func scanOffer(row interface{ Scan(...any) error }) (*Offer, error) {
	var o Offer
	var deliverables, terms string
	var starts, due sql.NullString
	var created int64
	c := &o.Compensation
	err := row.Scan(&o.ID, &o.ParticipantID, &o.Revision, &o.MadeBy, &deliverables, &c.Product, &c.CouponCode, &c.CommissionBP,
		&c.FeeMinor, &c.Currency, &starts, &due, &o.Message, &terms, &o.Actor, &created)
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "offer not found")
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(deliverables), &o.Deliverables); err != nil {
		return nil, err
	}
	if terms != "" {
		o.Terms = &Terms{}
		if err := json.Unmarshal([]byte(terms), o.Terms); err != nil {
			return nil, err
		}
	}
	o.StartsOn, o.DueOn, o.CreatedAt = starts.String, due.String, ms(created)
	return &o, nil
}

// GetOffer returns one offer of the brand's participant.
func GetOffer(ctx context.Context, q db.Querier, brandID, participantID, id int64) (*Offer, error) {
	return scanOffer(q.QueryRowContext(ctx, selectOffer+`WHERE brand_id = ? AND participant_id = ? AND id = ?`, brandID, participantID, id))
}

// Offers returns every revision of a participant's offer, oldest first.
func Offers(ctx context.Context, q db.Querier, brandID, participantID int64) ([]Offer, error) {
	rows, err := q.QueryContext(ctx, selectOffer+`WHERE brand_id = ? AND participant_id = ? ORDER BY revision`, brandID, participantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Offer{}
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, rows.Err()
}

// insertOffer stores o as the participant's next revision and makes it
// the participant's current offer with status.
func insertOffer(ctx context.Context, tx *db.Tx, p *auth.Principal, brandID int64, o *Offer, status string, now time.Time) error {
	deliverables, err := json.Marshal(o.Deliverables)
	if err != nil {
		return err
	}
	terms, termsID := "", any(nil)
	if o.Terms != nil {
		b, err := json.Marshal(o.Terms)
		if err != nil {
			return err
		}
		terms, termsID = string(b), o.Terms.ID
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(revision), 0) + 1 FROM participant_offers WHERE participant_id = ?`,
		o.ParticipantID).Scan(&o.Revision); err != nil {
		return err
	}
	c := o.Compensation
	o.Actor, o.CreatedAt = p.ActorLabel(), now.Truncate(time.Millisecond)
	if err := tx.QueryRowContext(ctx, `INSERT INTO participant_offers (brand_id, participant_id, revision, made_by, deliverables, product,
		coupon_code, commission_bp, fee_minor, currency, starts_on, due_on, message, terms_id, terms, actor_user_id, actor_label, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, o.ParticipantID, o.Revision, o.MadeBy, string(deliverables), c.Product, c.CouponCode, c.CommissionBP, c.FeeMinor, c.Currency,
		nullText(o.StartsOn), nullText(o.DueOn), o.Message, termsID, terms, nullID(p.UserID()), o.Actor, now.UnixMilli()).Scan(&o.ID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE campaign_participants SET offer_id = ?, offer_status = ?, updated_at = ? WHERE brand_id = ? AND id = ?`,
		o.ID, status, now.UnixMilli(), brandID, o.ParticipantID)
	return err
}

// insertAcceptance records o accepted (o.Terms: the terms accepted).
func insertAcceptance(ctx context.Context, tx *db.Tx, p *auth.Principal, brandID int64, o *Offer, client Client, now time.Time) (*Acceptance, error) {
	snapshot, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	a := &Acceptance{ParticipantID: o.ParticipantID, OfferID: o.ID, Offer: *o, Actor: p.ActorLabel(),
		ClientIP: client.IP, UserAgent: truncate(client.UserAgent, 500), AcceptedAt: now.Truncate(time.Millisecond)}
	if o.Terms != nil {
		id := o.Terms.ID
		a.TermsID = &id
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO participant_acceptances (brand_id, participant_id, offer_id, terms_id, snapshot,
		actor_user_id, actor_label, client_ip, user_agent, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		brandID, o.ParticipantID, o.ID, a.TermsID, string(snapshot), nullID(p.UserID()), a.Actor, a.ClientIP, a.UserAgent, now.UnixMilli()).Scan(&a.ID)
	return a, err
}

// AcceptanceOf returns the participant's latest acceptance, with the
// offer exactly as it was accepted, or nil when none.
func AcceptanceOf(ctx context.Context, q db.Querier, brandID, participantID int64) (*Acceptance, error) {
	var a Acceptance
	var snapshot string
	var at int64
	err := q.QueryRowContext(ctx, `SELECT id, participant_id, offer_id, terms_id, snapshot, actor_label, client_ip, user_agent, accepted_at
		FROM participant_acceptances WHERE brand_id = ? AND participant_id = ? ORDER BY id DESC LIMIT 1`, brandID, participantID).
		Scan(&a.ID, &a.ParticipantID, &a.OfferID, &a.TermsID, &snapshot, &a.Actor, &a.ClientIP, &a.UserAgent, &at)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(snapshot), &a.Offer); err != nil {
		return nil, err
	}
	a.AcceptedAt = ms(at)
	return &a, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n])
	}
	return s
}
