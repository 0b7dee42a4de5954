package report

import (
	"fmt"
	"time"
)

// Span is a duration as a person reads an estimate or a bound, the same in English and
// Spanish: "30 s", "25 min", "1 h 05 min", "3 d 4 h". Seconds are shown only under a
// minute, minutes only under a day.
func Span(d time.Duration) string {
	switch {
	case d < 0:
		d = 0
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
	case d < 24*time.Hour:
		m := int(d.Round(time.Minute) / time.Minute)
		if m%60 == 0 {
			return fmt.Sprintf("%d h", m/60)
		}
		return fmt.Sprintf("%d h %02d min", m/60, m%60)
	default:
		h := int(d.Round(time.Hour) / time.Hour)
		if h%24 == 0 {
			return fmt.Sprintf("%d d", h/24)
		}
		return fmt.Sprintf("%d d %d h", h/24, h%24)
	}
}
