package model

// ListQuery asks for one page of a list screen: what the user typed in the
// search box, the column (a field key) to sort by, a filter, and the page's
// place.
type ListQuery struct {
	Text   string
	Sort   string // a field key such as FieldName; "" for order of entry
	Desc   bool
	Where  Match // keeps the records whose field holds a value; zero for all
	Offset int
	Limit  int
	// Own matches the record's own text only, not the names of the
	// records it refers to (a customer's advisor).
	Own bool
}

// Match is a list filter: records whose listed field Field holds Value (a
// choice's code, say), or with Unresolved, records whose reference Field
// holds a name that no record was matched to yet.
type Match struct {
	Field, Value string
	Unresolved   bool
}

// Message is implemented by errors that have a sentence in the translation
// files: Key is its message key, Args fill its {{.Name}} placeholders.
type Message interface {
	error
	MessageKey() (key string, args map[string]any)
}
