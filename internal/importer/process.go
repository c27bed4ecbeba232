package importer

import (
	"context"
	"hash/maphash"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/rosterhq/roster/internal/db"
)

// engine holds a run's state across batches.
type engine struct {
	d      *db.DB
	o      Options
	res    *Result
	w      *writer
	seed   maphash.Seed
	seen   map[uint64]int64 // hash of an account key → first line with it
	counts Counts           // committed
	inTx   Counts           // including the batches of the open transaction
	stages []string         // the brand's stage keys, first is the default
	// prepare tells the parser to prepare new creators (Row.fresh): set
	// while most usable rows of the last batch created one, off until the
	// first batch says so. In a re-import nearly every row matches a
	// creator, and preparing them is wasted work on the parser, whose time
	// per row is then close to the writer's.
	prepare atomic.Bool
	// lookupsAnalyzed: PostgreSQL has statistics of the lookups' columns.
	lookupsAnalyzed bool
	startCreated    int64 // created before this run (a resumed job)
}

// analyzeAfter is how many creators an import creates before PostgreSQL
// is given statistics of them.
const analyzeAfter = 20000

// analyzeLookups gives PostgreSQL statistics of the columns the import's
// lookups read, once it has created analyzeAfter creators: planned
// without statistics, the handle lookup reads the brand's whole platform
// range for each batch, which makes a large import quadratic. Later
// growth needs none (the planner scales its estimates with the table's
// size), and these columns cost a fraction of a full ANALYZE (the search
// vector's lexemes are most of it): the doubling schedule of full ANALYZEs
// this replaces took 2.3 s of a 100,000-row import.
func (e *engine) analyzeLookups(ctx context.Context) error {
	if e.d.Dialect() != db.Postgres || e.lookupsAnalyzed || e.counts.Created < analyzeAfter {
		return nil
	}
	e.lookupsAnalyzed = true
	_, err := e.d.ExecContext(ctx, `ANALYZE creators (id), social_accounts (brand_id, platform, handle, creator_id), creator_tags (creator_id)`)
	return err
}

// analyzeAll refreshes all of the three tables' statistics after a run
// that created analyzeAfter creators or more, so the list and the board
// are planned on what the brand now holds at once, not after autovacuum's
// next pass (20-135 ms pages instead of about 1 ms until then).
func (e *engine) analyzeAll(ctx context.Context) error {
	if e.d.Dialect() != db.Postgres || e.counts.Created-e.startCreated < analyzeAfter {
		return nil
	}
	_, err := e.d.ExecContext(ctx, `ANALYZE creators, social_accounts, creator_tags`)
	return err
}

func newEngine(d *db.DB, o Options, res *Result) *engine {
	e := &engine{d: d, o: o, res: res, w: newWriter(o.BrandID, o.Actor, o.Reason), seed: maphash.MakeSeed(), seen: map[uint64]int64{}}
	if o.Resume != nil {
		e.counts = o.Resume.Counts
		e.inTx = e.counts
		e.startCreated = e.counts.Created
	}
	return e
}

// process matches a batch's rows to the brand's creators, merges them in
// file order, writes the result and saves the checkpoint, all in tx.
func (e *engine) process(ctx context.Context, tx *db.Tx, b *batch) error {
	b.delta, b.problems, b.preview = Counts{}, nil, nil
	keys := map[string]bool{}
	for i := range b.rows {
		for _, a := range b.rows[i].Fields.SocialAccounts {
			if !b.rows[i].Failed {
				keys[accountKey(a.Platform, a.Handle)] = true
			}
		}
	}
	owners, err := findOwners(ctx, tx, e.o.BrandID, keys)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(owners))
	for _, id := range owners {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	states, err := loadStates(ctx, tx, e.o.BrandID, slices.Compact(ids))
	if err != nil {
		return err
	}
	byKey := make(map[string]*state, len(keys))
	for k, id := range owners {
		if s := states[id]; s != nil {
			byKey[k] = s
		}
	}
	var fresh []*state
	touched := map[*state]bool{}
	for i := range b.rows {
		outcome, s := e.apply(&b.rows[i], byKey, b)
		switch outcome {
		case "created":
			fresh = append(fresh, s)
		case "updated":
			if !s.isNew() {
				touched[s] = true
			}
		}
		if len(e.res.Preview)+len(b.preview) < e.o.Preview {
			p := PreviewRow{Line: b.rows[i].Line, Outcome: outcome}
			if s != nil {
				p.Creator = s.c
			}
			b.preview = append(b.preview, p)
		}
	}
	e.prepare.Store(2*b.delta.Created >= b.delta.Rows-b.delta.Failed)
	changed := make([]*state, 0, len(touched))
	for s := range touched {
		changed = append(changed, s)
	}
	slices.SortFunc(changed, func(a, b *state) int { return int(a.c.ID - b.c.ID) })
	if err := e.w.write(ctx, tx, fresh, changed, e.o.Now().UTC()); err != nil {
		return err
	}
	b.progress = e.progress(b)
	e.inTx = b.progress.Counts
	// The rows are written: a transaction keeps its batches until it
	// commits (up to commitRows rows), and needs only their counts,
	// problems and preview.
	b.rows = nil
	if e.o.Checkpoint != nil {
		return e.o.Checkpoint(ctx, tx, b.progress, b.problems)
	}
	return nil
}

// apply decides one row's outcome and merges it into the batch's states.
func (e *engine) apply(r *Row, byKey map[string]*state, b *batch) (string, *state) {
	b.delta.Rows++
	if r.Failed {
		b.delta.Failed++
		b.problems = append(b.problems, r.Problems...)
		return "failed", nil
	}
	if r.has.stage && !slices.Contains(e.stages, r.Fields.Stage) {
		b.delta.Failed++
		b.problems = append(b.problems, problem(r.Line, r.stageCol, r.Fields.Stage, "import.problem.stage"))
		return "failed", nil
	}
	if !r.has.stage && len(e.stages) > 0 {
		r.Fields.Stage = e.stages[0]
	}
	var target *state
	var firstLine int64
	rowKeys := make([]string, len(r.Fields.SocialAccounts))
	for i, a := range r.Fields.SocialAccounts {
		k := accountKey(a.Platform, a.Handle)
		rowKeys[i] = k
		if l, ok := e.seen[maphash.String(e.seed, k)]; ok && (firstLine == 0 || l < firstLine) {
			firstLine = l
		}
		s := byKey[k]
		if s == nil || s == target {
			continue
		}
		if target != nil {
			b.delta.Failed++
			b.problems = append(b.problems, problem(r.Line, "", a.Handle, "import.problem.two_creators", "a", label(target), "b", label(s)))
			return "failed", nil
		}
		target = s
	}
	outcome := "unchanged"
	if target == nil {
		target, outcome = r.fresh, "created"
		if target == nil { // not prepared by the parser
			target = newState(r)
		}
		target.c.Stage = r.Fields.Stage
	} else if changed, ok := target.merge(r); !ok {
		b.delta.Failed++
		b.problems = append(b.problems, problem(r.Line, "", "", "import.problem.limits"))
		return "failed", nil
	} else if changed {
		outcome = "updated"
	}
	switch outcome {
	case "created":
		b.delta.Created++
	case "updated":
		b.delta.Updated++
	default:
		b.delta.Unchanged++
	}
	for _, k := range rowKeys {
		byKey[k] = target
		h := maphash.String(e.seed, k)
		if _, ok := e.seen[h]; !ok {
			e.seen[h] = r.Line
		}
	}
	if len(r.Problems) > 0 {
		b.delta.Warnings++
		b.problems = append(b.problems, r.Problems...)
	}
	if firstLine > 0 {
		b.delta.Merged++
		p := problem(r.Line, "", "", "import.problem.merged", "line", firstLine)
		p.Kind = KindMerged
		b.problems = append(b.problems, p)
	}
	return outcome, target
}

func label(s *state) string {
	if s.isNew() {
		return "line " + strconv.FormatInt(s.line, 10)
	}
	return "creator " + strconv.FormatInt(s.c.ID, 10)
}

func (e *engine) progress(b *batch) Progress {
	c := e.inTx
	d := b.delta
	c.Rows += d.Rows
	c.Created += d.Created
	c.Updated += d.Updated
	c.Unchanged += d.Unchanged
	c.Failed += d.Failed
	c.Warnings += d.Warnings
	c.Merged += d.Merged
	return Progress{Counts: c, Bytes: b.bytes}
}

// committed moves a batch's counts, problems and preview into the result.
func (e *engine) committed(b *batch) {
	p := b.progress
	e.counts = p.Counts
	e.res.Counts = p.Counts
	e.res.Preview = append(e.res.Preview, b.preview...)
	if room := maxKeptProblems - len(e.res.Problems); room > 0 {
		e.res.Problems = append(e.res.Problems, b.problems[:min(room, len(b.problems))]...)
	}
	if e.o.OnBatch != nil {
		e.o.OnBatch(p, b.problems)
	}
}
