package importer

import (
	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/ledger"
	"github.com/wolkvox-import/wolkvox-import/importer/wolkvox"
)

// settle queues the ledger write an answer calls for, if it is the row's last: called
// while the row still holds its request slot. The ledger commits writes in the order
// they are queued, so the claim of the row that takes the slot next is never on disk
// before this row's outcome. Hence the bound after a kill: the rows left "sending" are
// at most the rows holding a slot (--concurrency) plus the rows waiting to retry a
// retryable answer or a failed connection (which give their slot up while they wait,
// and are recorded, if they stop there, after it).
func (s *sender) settle(j job, ans wolkvox.Answer, attempt int) {
	switch ans.Kind {
	case wolkvox.Created:
		s.record(j, ledger.Created, ans.ID, "")
	case wolkvox.Failed:
		s.record(j, ledger.Failed, "", ans.Msg)
	case wolkvox.Uncertain:
		// Stays "sending": never re-sent blindly; with what to look for in Wolkvox.
		s.record(j, ledger.Sending, "", joinNote(ans.Msg, s.uncertainNote(j)))
	case wolkvox.FatalConfig, wolkvox.QuotaSpent:
		s.record(j, ledger.Failed, "", s.p.T("ledger.not_sent.stopped"))
	case wolkvox.Retryable:
		// As send decides below: a wait past --max-wait stops the run (abandon records
		// the row), else the last attempt gives up.
		if attempt >= s.cfg.Retries && (s.cfg.MaxWait <= 0 || ans.Wait <= s.cfg.MaxWait) {
			s.record(j, ledger.Failed, "", gaveUp(s.p, attempt, ans.Msg))
		}
	}
}

// gaveUp is the message of a row whose last attempt met a retryable answer, msg.
func gaveUp(p *i18n.Printer, attempt int, msg string) string {
	return p.T("row.gave_up", attempt+1, msg)
}
