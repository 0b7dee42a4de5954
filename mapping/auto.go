package mapping

// autoNames are the headers Auto recognises for each field, as autoFold leaves
// them, in order of preference: with both "Asunto" and "Nombre", Asunto is the name.
var autoNames = [numFields][]string{
	fName:           {"name", "asunto", "nombre"},
	fStatus:         {"status", "estado"},
	fPriority:       {"priority", "prioridad"},
	fNameModule:     {"name module", "modulo"},
	fCompletionDate: {"completion date", "fecha fin", "fin"},
	fRemember:       {"remember", "recordar"},
	fReminderDate:   {"reminder date", "fecha recordatorio", "recordatorio"},
	fDescription:    {"description", "descripcion", "notas"},
	fIDRecord:       {"id record", "id registro", "caso"},
	fLocation:       {"location", "lugar", "ubicacion", "enlace"},
	fStartDate:      {"start date", "fecha inicio", "inicio"},
	fWolkvoxOwner:   {"wolkvox owner", "responsable", "propietario"},
	fParticipants:   {"participants", "participantes", "asistentes"},
}

// autoPriorities lets a Spanish sheet without a mapping file say Alta, Media, Baja.
var autoPriorities = map[string]string{"alta": "high", "media": "normal", "baja": "low"}

// autoPriorityWords are autoPriorities as messages offer them.
var autoPriorityWords = []valueWord{{"Alta", "high"}, {"Media", "normal"}, {"Baja", "low"}}

// autoField says which API field a header (or a mistaken mapping key) names.
func autoField(header string) (field, bool) {
	h := autoFold(header)
	for id, names := range autoNames {
		for _, n := range names {
			if h == n {
				return field(id), true
			}
		}
	}
	return 0, false
}

// Auto is the mapping used without a mapping file: each header that names an API
// field, in English or Spanish (blind to case, accents, surrounding spaces and
// underscores), feeds that field; other headers are ignored.
func Auto(headers []string) *Mapping {
	m := &Mapping{typ: "meet"}
	for id := range numFields {
		if h, ok := autoHeader(id, headers); ok {
			spec := &fieldSpec{src: srcColumn, column: h,
				conv: converter{kind: id.kind(), name: id.String(), auto: true}}
			switch id {
			case fParticipants:
				spec.conv.split = ";,"
			case fPriority:
				spec.values = autoPriorities
				if autoFold(h) == "prioridad" { // a Spanish sheet: offer its words
					spec.conv.words = autoPriorityWords
				}
			}
			m.fields[id] = spec
		}
	}
	m.addDefaults()
	return m
}

// autoHeader finds the header for id, the most preferred name first.
func autoHeader(id field, headers []string) (string, bool) {
	for _, n := range autoNames[id] {
		for _, h := range headers {
			if autoFold(h) == n {
				return h, true
			}
		}
	}
	return "", false
}
