package jobs

import (
	"math/rand/v2"
	"time"
)

const (
	backoffBase = 15 * time.Second
	backoffMax  = 6 * time.Hour
)

// DefaultBackoff is the wait after failed attempt n (1-based): 15 s,
// doubling each time up to 6 h, plus up to a quarter more at random so that
// a burst of failures does not retry in lockstep. Ten attempts span about
// four hours.
func DefaultBackoff(attempt int) time.Duration {
	d := backoffMax
	if attempt >= 1 && attempt <= 20 {
		d = min(backoffBase<<(attempt-1), backoffMax)
	}
	return d + rand.N(d/4+1)
}
