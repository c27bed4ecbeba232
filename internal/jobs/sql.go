package jobs

import "github.com/rosterhq/roster/internal/db"

// claimSQL takes the oldest due job of the given kinds in one statement:
// available and due, or running under an expired lease (its node died) with
// attempts left. Attempts count claims, so (id, attempts) names one claim
// and guards every later write about it.
//
// PostgreSQL: several nodes claim at once; FOR UPDATE SKIP LOCKED makes
// each skip rows another is claiming instead of waiting for them. SQLite
// has one writer, which makes the statement atomic by itself.
func claimSQL(d db.Dialect, kinds int) string {
	lock := ""
	if d == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	return `UPDATE jobs SET state = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1
WHERE id = (
	SELECT id FROM jobs
	WHERE kind IN (` + db.Placeholders(kinds) + `)
	AND ((state = 'available' AND run_at <= ?)
		OR (state = 'running' AND locked_until < ? AND attempts < max_attempts))
	ORDER BY run_at, id LIMIT 1` + lock + `)
RETURNING id, kind, payload, attempts, max_attempts`
}

// The statements below are the same on both engines. Each names its claim
// by (id, attempts) so a node that lost its lease cannot overwrite the
// outcome of the node that took the job over. locked_by stays after the
// end, to show which node ran the job last.
const (
	extendLeaseSQL = `UPDATE jobs SET locked_until = ? WHERE id = ? AND attempts = ? AND state = 'running'`

	markDoneSQL = `UPDATE jobs SET state = 'done', finished_at = ?, locked_until = NULL
WHERE id = ? AND attempts = ? AND state = 'running'`

	markRetrySQL = `UPDATE jobs SET state = 'available', run_at = ?, last_error = ?, locked_until = NULL
WHERE id = ? AND attempts = ? AND state = 'running'`

	markFailedSQL = `UPDATE jobs SET state = 'failed', finished_at = ?, last_error = ?, locked_until = NULL
WHERE id = ? AND attempts = ? AND state = 'running'`

	// A job whose node died on its last attempt is never claimed again;
	// this ends it visibly instead of leaving it "running" for ever.
	failAbandonedSQL = `UPDATE jobs SET state = 'failed', finished_at = ?, locked_until = NULL,
	last_error = 'lease expired on the last attempt: the node running it stopped before it finished'
WHERE state = 'running' AND locked_until < ? AND attempts >= max_attempts`

	pruneDoneSQL = `DELETE FROM jobs WHERE state = 'done' AND finished_at < ?`

	countByStateSQL = `SELECT state, COUNT(*) FROM jobs GROUP BY state`
)
