package timetrack

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/contract"
	"github.com/rosterhq/roster/internal/db"
)

// Suggestions are stretches of a person's own activity in Roster (read
// from the audit log, which every write goes through) that no timer
// entry covers: "9:40–10:25, 14 applicant reviews". They are offered,
// never logged: the person confirms or dismisses each.
const (
	suggestGap      = 15 * time.Minute // a longer pause ends a stretch
	suggestLead     = 5 * time.Minute  // the first action of a stretch took time too
	suggestMinCount = 3                // fewer actions are not a stretch of work
	suggestLookback = 7 * 24 * time.Hour
)

// categoryPrefixes maps audit entities to activity categories by prefix;
// entities of no category (sign-ins, tokens, time itself) are not work
// on the program and are left out.
var categoryPrefixes = []struct{ prefix, category string }{
	{"application", contract.Recruiting}, {"creator", contract.Recruiting}, {"invit", contract.Recruiting},
	{"import", contract.Recruiting}, {"suggestion", contract.Recruiting}, {"stage", contract.Recruiting},
	{"campaign", contract.Campaigns}, {"participant", contract.Campaigns}, {"offer", contract.Campaigns},
	{"deliverable", contract.Campaigns}, {"thread", contract.Campaigns}, {"message", contract.Campaigns}, {"canned", contract.Campaigns},
	{"content", contract.Moderation}, {"submission", contract.Moderation}, {"moderation", contract.Moderation},
	{"report", contract.Reporting}, {"export", contract.Reporting}, {"statement", contract.Reporting},
	{"contract", contract.AccountStrategy}, {"member", contract.AccountStrategy}, {"meeting", contract.AccountStrategy},
	{"task", contract.AccountStrategy}, {"goal", contract.AccountStrategy}, {"partnership", contract.AccountStrategy},
	{"onboarding", contract.AccountStrategy}, {"ticket", contract.AccountStrategy},
}

func categoryOf(entity string) string {
	for _, p := range categoryPrefixes {
		if strings.HasPrefix(entity, p.prefix) {
			return p.category
		}
	}
	return ""
}

// Suggestion is a stretch of activity offered as a time entry.
type Suggestion struct {
	Key      string         `json:"key"`
	Day      string         `json:"day"`
	From, To time.Time      `json:"-"`
	Category string         `json:"category"`
	Minutes  int            `json:"minutes"`
	Actions  int            `json:"actions"`
	Entities map[string]int `json:"entities"` // audit entity → number of actions
}

type activity struct {
	id       int64
	at       time.Time
	entity   string
	category string
}

// Suggest returns userID's open suggestions in the brand over the last
// week, newest first.
func Suggest(ctx context.Context, q db.Querier, brandID, userID int64, now time.Time) ([]Suggestion, error) {
	since := now.Add(-suggestLookback).UnixMilli()
	rows, err := q.QueryContext(ctx, `SELECT id, at, entity FROM audit_events WHERE brand_id = ? AND actor_user_id = ? AND at >= ? ORDER BY at, id`,
		brandID, userID, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var acts []activity
	for rows.Next() {
		var a activity
		var at int64
		if err := rows.Scan(&a.id, &at, &a.entity); err != nil {
			return nil, err
		}
		if a.category = categoryOf(a.entity); a.category != "" {
			a.at = time.UnixMilli(at).UTC()
			acts = append(acts, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	covered, err := timerSpans(ctx, q, brandID, userID, since)
	if err != nil {
		return nil, err
	}
	handled, err := handledKeys(ctx, q, brandID, userID)
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	for _, run := range stretches(acts) {
		if len(run) < suggestMinCount {
			continue
		}
		s := suggestionOf(run)
		if handled[s.Key] || overlaps(covered, s.From, s.To) {
			continue
		}
		out = append(out, s)
	}
	slices.Reverse(out)
	return out, nil
}

// stretches splits activity (in time order) where a pause exceeds
// suggestGap or the UTC day changes.
func stretches(acts []activity) [][]activity {
	var out [][]activity
	for i, a := range acts {
		if i == 0 || a.at.Sub(acts[i-1].at) > suggestGap || a.at.Format(dayLayout) != acts[i-1].at.Format(dayLayout) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], a)
	}
	return out
}

func suggestionOf(run []activity) Suggestion {
	first, last := run[0], run[len(run)-1]
	s := Suggestion{Key: fmt.Sprintf("%d-%d", first.id, last.id), Day: first.at.Format(dayLayout), From: first.at.Add(-suggestLead), To: last.at,
		Actions: len(run), Entities: map[string]int{}}
	s.Minutes = int((s.To.Sub(s.From) + 30*time.Second) / time.Minute)
	votes := map[string]int{}
	for _, a := range run {
		votes[a.category]++
		s.Entities[a.entity]++
	}
	// The category most actions belong to; ties go to the first in the
	// contract's order, so the choice is stable.
	for _, cat := range contract.Categories {
		if votes[cat] > votes[s.Category] {
			s.Category = cat
		}
	}
	return s
}

type span struct{ from, to time.Time }

func timerSpans(ctx context.Context, q db.Querier, brandID, userID, since int64) ([]span, error) {
	rows, err := q.QueryContext(ctx, `SELECT started_at, ended_at FROM time_entries
		WHERE brand_id = ? AND user_id = ? AND started_at IS NOT NULL AND ended_at >= ?`, brandID, userID, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []span
	for rows.Next() {
		var from, to int64
		if err := rows.Scan(&from, &to); err != nil {
			return nil, err
		}
		out = append(out, span{time.UnixMilli(from), time.UnixMilli(to)})
	}
	return out, rows.Err()
}

func overlaps(spans []span, from, to time.Time) bool {
	for _, s := range spans {
		if s.from.Before(to) && from.Before(s.to) {
			return true
		}
	}
	return false
}

func handledKeys(ctx context.Context, q db.Querier, brandID, userID int64) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT key FROM time_suggestion_dismissals WHERE brand_id = ? AND user_id = ?`, brandID, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// find returns p's open suggestion key, or not_found.
func (s *Service) find(ctx context.Context, p *auth.Principal, key string) (*Suggestion, error) {
	list, err := Suggest(ctx, s.DB, p.BrandID, p.UserID(), s.Now().UTC())
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Key == key {
			return &list[i], nil
		}
	}
	return nil, apperr.New(apperr.NotFound, "suggestion %s not found (already handled, or no longer in the last week)", key)
}

// AcceptSuggestion logs p's suggestion key as an entry, with the
// category chosen (the suggested one when empty), and marks it handled.
func (s *Service) AcceptSuggestion(ctx context.Context, p *auth.Principal, key, category string) (*Entry, error) {
	sg, err := s.find(ctx, p, key)
	if err != nil {
		return nil, err
	}
	if category == "" {
		category = sg.Category
	}
	in := Input{Category: category, Day: sg.Day, Minutes: max(sg.Minutes, 1)}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := markHandled(ctx, tx, p, key, s.Now()); err != nil {
			return err
		}
		id, err = s.logIn(ctx, tx, p, &in, SourceSuggestion)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.alert(ctx, p.BrandID, monthOf(in.Day))
	return GetEntry(ctx, s.DB, p.BrandID, id)
}

// DismissSuggestion hides p's suggestion key for good.
func (s *Service) DismissSuggestion(ctx context.Context, p *auth.Principal, key string) error {
	if _, err := s.find(ctx, p, key); err != nil {
		return err
	}
	return markHandled(ctx, s.DB, p, key, s.Now())
}

func markHandled(ctx context.Context, q db.Querier, p *auth.Principal, key string, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO time_suggestion_dismissals (brand_id, user_id, key, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		p.BrandID, p.UserID(), key, now.UnixMilli())
	return err
}
