package wolkvox

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wolkvox-import/wolkvox-import/mapping"
)

// encodingJSON is Body as it was: encoding/json, without HTML escaping.
func encodingJSON(t testing.TB, operation, typ string, fields any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(request{Operation: operation, Module: Module, Type: typ, Fields: fields}); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// hostile is text with what JSON must escape, and what it must not.
var hostile = []string{
	"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnl\ncr\rbs\bff\f", "\x00\x01\x1f\x7f",
	"Reunión ñandú 日本語 🎉", "\u2028line\u2029para", "bad \xff\xfe utf8 \xc3", "\xe2\x80", "=1+2", "{\"json\":[1]}",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(12) {
		switch r.IntN(4) {
		case 0:
			b.WriteByte(byte(r.IntN(256)))
		case 1:
			b.WriteRune(rune(r.IntN(0x3000)))
		default:
			b.WriteString(hostile[r.IntN(len(hostile))])
		}
	}
	return b.String()
}

func TestBodyIsEncodingJSON(t *testing.T) {
	yes, no := true, false
	cases := []*mapping.Fields{
		{},
		{Name: "x"},
		{Status: "created", Name: "Reunión", Priority: "high", NameModule: "cases", CompletionDate: "2024-07-01 09:00:00",
			Remember: &yes, ReminderDate: "2024-07-01 07:00:00", Description: "Revisar <pedido> & \"contrato\"", IDRecord: "10000",
			Location: "https://meet.example/abc?x=1&y=2", StartDate: "2024-07-01 08:00:00", WolkvoxOwner: "ADMIN_@ventas",
			Participants: &mapping.Participants{Type: "participant", Value: []string{"Ana Gómez", "Luis \"Pérez\""}}},
		{Name: "no", Remember: &no, Participants: &mapping.Participants{Type: "participant"}},
		{Name: "empty list", Participants: &mapping.Participants{Type: "participant", Value: []string{}}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		f := &mapping.Fields{Status: randomText(r), Name: randomText(r), Priority: randomText(r), NameModule: randomText(r),
			CompletionDate: randomText(r), ReminderDate: randomText(r), Description: randomText(r), IDRecord: randomText(r),
			Location: randomText(r), StartDate: randomText(r), WolkvoxOwner: randomText(r)}
		if r.IntN(3) > 0 {
			b := r.IntN(2) == 0
			f.Remember = &b
		}
		if r.IntN(3) > 0 {
			f.Participants = &mapping.Participants{Type: randomText(r)}
			for range r.IntN(4) {
				f.Participants.Value = append(f.Participants.Value, randomText(r))
			}
		}
		cases = append(cases, f)
	}
	for i, f := range cases {
		op, typ := hostile[i%len(hostile)], hostile[(i+3)%len(hostile)]
		got, err := Body(op, typ, f)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, op, typ, f); !bytes.Equal(got, want) {
			t.Fatalf("case %d: Body\n%q\nencoding/json\n%q", i, got, want)
		}
	}
	// Other fields still go through encoding/json.
	got, err := Body("op", "meet", map[string]string{"a": "<&>"})
	if err != nil || string(got) != `{"operation":"op","module":"wolkvox_activities","type":"meet","fields":{"a":"<&>"}}` {
		t.Fatalf("Body of a map: %s, %v", got, err)
	}
	if got, _ := Body("op", "meet", (*mapping.Fields)(nil)); string(got) != string(encodingJSON(t, "op", "meet", (*mapping.Fields)(nil))) {
		t.Fatalf("Body of nil fields: %s", got)
	}
}

func FuzzBodyIsEncodingJSON(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		yes := true
		fields := &mapping.Fields{Name: a, Description: b, Remember: &yes, Participants: &mapping.Participants{Type: "participant", Value: []string{b, a}}}
		got, _ := Body(a, b, fields)
		if want := encodingJSON(t, a, b, fields); !bytes.Equal(got, want) {
			t.Fatalf("Body\n%q\nencoding/json\n%q", got, want)
		}
	})
}

func BenchmarkBody(b *testing.B) {
	yes := true
	f := &mapping.Fields{Status: "created", Name: "Reunión de seguimiento 1", Priority: "normal", NameModule: "cases",
		CompletionDate: "2024-07-01 09:37:00", Remember: &yes, ReminderDate: "2024-07-01 07:37:00",
		Description: "Revisar pedido 1, con el cliente; llevar contrato (cliente: Cliente 1 S.A.S.)", IDRecord: "10001",
		Location: "https://meet.google.com/abc-defg-hij", StartDate: "2024-07-01 08:37:00", WolkvoxOwner: "SOPORTE_@postventa",
		Participants: &mapping.Participants{Type: "participant", Value: []string{"Ana Gómez", "Luis Pérez", "Marta Ruiz"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Body("Bench-CRM-operation", "meet", f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBodyEncodingJSON is Body as encoding/json writes it, for comparison.
func BenchmarkBodyEncodingJSON(b *testing.B) {
	yes := true
	f := &mapping.Fields{Status: "created", Name: "Reunión de seguimiento 1", Priority: "normal", NameModule: "cases",
		CompletionDate: "2024-07-01 09:37:00", Remember: &yes, ReminderDate: "2024-07-01 07:37:00",
		Description: "Revisar pedido 1, con el cliente; llevar contrato (cliente: Cliente 1 S.A.S.)", IDRecord: "10001",
		Location: "https://meet.google.com/abc-defg-hij", StartDate: "2024-07-01 08:37:00", WolkvoxOwner: "SOPORTE_@postventa",
		Participants: &mapping.Participants{Type: "participant", Value: []string{"Ana Gómez", "Luis Pérez", "Marta Ruiz"}}}
	b.ReportAllocs()
	for b.Loop() {
		encodingJSON(b, "Bench-CRM-operation", "meet", f)
	}
}
