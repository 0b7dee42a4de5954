package mapping

// Fields is the "fields" object of the request body. Empty values are left out of
// the request, never sent as "".
type Fields struct {
	Status         string        `json:"status,omitempty"`
	Name           string        `json:"name,omitempty"`
	Priority       string        `json:"priority,omitempty"`
	NameModule     string        `json:"name_module,omitempty"`
	CompletionDate string        `json:"completion_date,omitempty"`
	Remember       *bool         `json:"remember,omitempty"`
	ReminderDate   string        `json:"reminder_date,omitempty"`
	Description    string        `json:"description,omitempty"`
	IDRecord       string        `json:"id_record,omitempty"`
	Location       string        `json:"location,omitempty"`
	StartDate      string        `json:"start_date,omitempty"`
	WolkvoxOwner   string        `json:"wolkvox_owner,omitempty"`
	Participants   *Participants `json:"participants,omitempty"`
}

// Participants is the list form Wolkvox expects for meeting participants.
type Participants struct {
	Type  string   `json:"type"` // always "participant"
	Value []string `json:"value"`
}

// field identifies an API field; the order is the JSON order of Fields.
type field uint8

const (
	fStatus field = iota
	fName
	fPriority
	fNameModule
	fCompletionDate
	fRemember
	fReminderDate
	fDescription
	fIDRecord
	fLocation
	fStartDate
	fWolkvoxOwner
	fParticipants
	numFields
)

var fieldNames = [numFields]string{
	fStatus:         "status",
	fName:           "name",
	fPriority:       "priority",
	fNameModule:     "name_module",
	fCompletionDate: "completion_date",
	fRemember:       "remember",
	fReminderDate:   "reminder_date",
	fDescription:    "description",
	fIDRecord:       "id_record",
	fLocation:       "location",
	fStartDate:      "start_date",
	fWolkvoxOwner:   "wolkvox_owner",
	fParticipants:   "participants",
}

// apiFieldList names the fields in messages, the required one first.
const apiFieldList = "name, status, priority, name_module, completion_date, remember, " +
	"reminder_date, description, id_record, location, start_date, wolkvox_owner, participants"

func fieldByName(name string) (field, bool) {
	for f, n := range fieldNames {
		if n == name {
			return field(f), true
		}
	}
	return 0, false
}

func (f field) String() string { return fieldNames[f] }

// kind is how a field's text becomes its API value.
type kind uint8

const (
	kindText kind = iota
	kindPriority
	kindDate
	kindBool
	kindList
)

func (f field) kind() kind {
	switch f {
	case fPriority:
		return kindPriority
	case fStartDate, fCompletionDate, fReminderDate:
		return kindDate
	case fRemember:
		return kindBool
	case fParticipants:
		return kindList
	}
	return kindText
}

// value is a field's final API value: text for text, priority and date fields,
// "true"/"false" for remember, list for participants. The zero value is "left out".
type value struct {
	text string
	list []string
}

// set stores v in its field of f, leaving the field out when v is empty.
func set(f *Fields, id field, v value) {
	switch id {
	case fRemember:
		if v.text != "" {
			b := v.text == "true"
			f.Remember = &b
		}
	case fParticipants:
		if len(v.list) > 0 {
			// A copy, so that rows sharing a constant list never share its array.
			f.Participants = &Participants{Type: "participant", Value: append([]string(nil), v.list...)}
		}
	default:
		if t := f.textOf(id); t != nil {
			*t = v.text
		}
	}
}

// textOf is the text field id of f; nil for remember and participants.
func (f *Fields) textOf(id field) *string {
	switch id {
	case fStatus:
		return &f.Status
	case fName:
		return &f.Name
	case fPriority:
		return &f.Priority
	case fNameModule:
		return &f.NameModule
	case fCompletionDate:
		return &f.CompletionDate
	case fReminderDate:
		return &f.ReminderDate
	case fDescription:
		return &f.Description
	case fIDRecord:
		return &f.IDRecord
	case fLocation:
		return &f.Location
	case fStartDate:
		return &f.StartDate
	case fWolkvoxOwner:
		return &f.WolkvoxOwner
	}
	return nil
}
