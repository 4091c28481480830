package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Customer is a customer of the office (chapter 4's customer relationship
// maintenance): theirs is the advisor who looks after them; the follow-up
// caller is the advisor the customer is handed to for a call. Chapter 2
// asks that customer data be kept secure: the record is the owner's, their
// supervisor's and HR's to read whole; the caller reads it while it is
// theirs (each time logged); anyone else at the desk finds it with its
// phone and e-mail masked.
type Customer struct {
	ID      uint64    `msgpack:"id"`
	Created time.Time `msgpack:"created"`
	Updated time.Time `msgpack:"updated"`

	Name    string `msgpack:"name"`
	Phone   string `msgpack:"phone,omitempty"`
	Email   string `msgpack:"email,omitempty"`
	Company string `msgpack:"company,omitempty"`
	// AdvisorID is the advisor the customer belongs to; Advisor their name
	// (filled by the store), AdvisorNo their employee number.
	AdvisorID uint64 `msgpack:"advisor_id,omitempty"`
	Advisor   string `msgpack:"advisor,omitempty"`
	AdvisorNo string `msgpack:"-"`
	// CallerID is the advisor the customer is handed to for a follow-up.
	CallerID uint64 `msgpack:"caller_id,omitempty"`
	Caller   string `msgpack:"caller,omitempty"`
	CallerNo string `msgpack:"-"`
	// KeyCustomer: a key customer, called every so many days (see
	// FollowUpRules.KeyEvery).
	KeyCustomer YesNo  `msgpack:"key_customer,omitempty"`
	Notes       string `msgpack:"notes,omitempty"`
	// Source is how the customer came to the office; Tags a few free
	// words the desk finds them by ("车队, VIP"), kept as CleanTags makes them.
	Source CustomerSource `msgpack:"source,omitempty"`
	Tags   string         `msgpack:"tags,omitempty"`
}

// CustomerSource is how a customer came to the office.
type CustomerSource string

const (
	SourceWalkIn   CustomerSource = "walk_in"
	SourcePhone    CustomerSource = "phone"
	SourceReferral CustomerSource = "referral"
	SourceOnline   CustomerSource = "online"
	SourceEvent    CustomerSource = "event"
	SourceFleet    CustomerSource = "fleet"
	SourceOther    CustomerSource = "other"
)

// CustomerSources are the sources in the order a form offers them.
var CustomerSources = []CustomerSource{SourceWalkIn, SourcePhone, SourceReferral, SourceOnline, SourceEvent, SourceFleet, SourceOther}

// Tags are a few short words: more, or longer, is a note's job.
const (
	MaxTags   = 8
	maxTagLen = 16
	CodeTags  = "tags"    // too many tags (Arg: the most)
	CodeTag   = "tag_len" // one tag too long (Arg: the tag)
)

// An imported customer's number already a customer's (the form shows whose
// and lets one go on; an import does not), or on an earlier row (Arg).
const (
	CodePhoneOnFile = "phone_on_file"
	CodePhoneRow    = "phone_row"
)

// CleanTags puts tags in the one form kept: split at commas, semicolons,
// 、 and spaces (either width), repeats dropped, joined by ", ".
func CleanTags(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(",，;；、 \t\u3000", r)
	})
	var out []string
	for _, p := range parts {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// TagList is the tags of a cleaned tag text.
func TagList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ", ")
}

func checkTags(tags string) (string, string) {
	list := TagList(tags)
	if len(list) > MaxTags {
		return CodeTags, strconv.Itoa(MaxTags)
	}
	for _, t := range list {
		if utf8.RuneCountInString(t) > maxTagLen {
			return CodeTag, t
		}
	}
	return "", ""
}

// NormalPhone is the one form of a phone number two customers are compared
// by: its digits, without China's country code (+86, 0086), so that
// "138 0013 8000", "+86 13800138000" and "13800138000" are one number.
func NormalPhone(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "+86"):
		d = d[2:]
	case strings.HasPrefix(d, "0086"):
		d = d[4:]
	}
	return d
}

func (c *Customer) Key() uint64      { return c.ID }
func (c *Customer) SetKey(id uint64) { c.ID = id }
func (c *Customer) Touch(t time.Time) {
	if c.Created.IsZero() {
		c.Created = t
	}
	c.Updated = t
}

// Field keys of a customer.
const (
	FieldCustomerNo   = "customer_no"
	FieldCustomerName = "customer_name"
	FieldCompany      = "company_name"
	FieldOwner        = "owner_advisor"
	FieldOwnerNo      = "owner_empno"
	FieldCaller       = "caller"
	FieldCallerNo     = "caller_empno"
	FieldKeyCustomer  = "key_customer"
	FieldSource       = "customer_source"
	FieldTags         = "tags"
	FieldCreatedOn    = "created_on"
	CodeNeedsOwner    = "needs_owner"
)

// CustomerRecord describes a customer: its fields, whose it is and who
// may change it (holders of the customer-data permission, within scope).
var CustomerRecord = &Record[Customer]{
	Name:   "customers",
	Title:  FieldCustomerName,
	Number: FieldCustomerNo,
	Fields: []Field[Customer]{
		// The customer's number in files, so that an exported file edited
		// in Excel imports back onto the same customers (names and phones
		// repeat or change; the number does not).
		{Key: FieldCustomerNo, FileOnly: true, Access: Access[Customer]{
			Get: func(c *Customer) string {
				if c.ID == 0 {
					return ""
				}
				return strconv.FormatUint(c.ID, 10)
			},
			Set: func(c *Customer, s string) { c.ID, _ = strconv.ParseUint(s, 10, 64) }}},
		{Key: FieldCustomerName, Kind: KindName, Required: true, Max: maxName, Search: true, List: 110, Print: 30,
			Access: Str(func(c *Customer) *string { return &c.Name })},
		{Key: FieldPhone, Kind: KindPhone, Sensitive: true, Search: true, List: 130, Print: 30,
			Access: Str(func(c *Customer) *string { return &c.Phone })},
		{Key: FieldEmail, Kind: KindEmail, Sensitive: true, Max: maxEmail, Search: true, List: 170,
			Access: Str(func(c *Customer) *string { return &c.Email })},
		{Key: FieldCompany, Max: maxShort, Search: true, List: 140, Print: 40,
			Access: Str(func(c *Customer) *string { return &c.Company })},
		{Key: FieldOwner, Kind: KindRef, Max: maxName, Search: true, List: 100, Print: 26,
			Ref:    &Ref[Customer]{To: "advisors", ID: func(c *Customer) *uint64 { return &c.AdvisorID }, KeyText: FieldOwnerNo},
			Access: Str(func(c *Customer) *string { return &c.Advisor }),
			Check: func(c *Customer, _ Date) (string, string) {
				if c.AdvisorID == 0 {
					return CodeNeedsOwner, ""
				}
				return "", ""
			}},
		{Key: FieldOwnerNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(c *Customer) *string { return &c.AdvisorNo })},
		{Key: FieldCaller, Kind: KindRef, Max: maxName, List: 100,
			Ref:    &Ref[Customer]{To: "advisors", ID: func(c *Customer) *uint64 { return &c.CallerID }, KeyText: FieldCallerNo},
			Access: Str(func(c *Customer) *string { return &c.Caller })},
		{Key: FieldCallerNo, FileOnly: true, Max: maxEmpNo, Clean: NormalizeEmpNo,
			Access: Str(func(c *Customer) *string { return &c.CallerNo })},
		{Key: FieldKeyCustomer, Kind: KindChoice, Choices: Codes([]YesNo{No, Yes}), Prefix: "yesno.",
			Access: Flag(func(c *Customer) *YesNo { return &c.KeyCustomer })},
		{Key: FieldSource, Kind: KindChoice, Choices: Codes(CustomerSources), Prefix: "customer.source.", List: 80,
			Access: Str(func(c *Customer) *CustomerSource { return &c.Source })},
		{Key: FieldTags, Max: 120, Search: true, List: 120, Print: 30, Clean: CleanTags,
			Access: Str(func(c *Customer) *string { return &c.Tags }),
			Check:  func(c *Customer, _ Date) (string, string) { return checkTags(c.Tags) }},
		{Key: FieldCreatedOn, Kind: KindDate, Fixed: true, List: 90, Sort: true, Access: Access[Customer]{
			Get: func(c *Customer) string {
				if c.Created.IsZero() {
					return ""
				}
				return string(DateOf(c.Created))
			},
			Set: func(*Customer, string) {}}},
		{Key: FieldNotes, Kind: KindMultiline, Max: maxNotes, Access: Str(func(c *Customer) *string { return &c.Notes })},
	},
	Owner: &Owner[Customer]{
		Advisor: func(c *Customer) uint64 { return c.AdvisorID },
		Assigned: func(c *Customer) []uint64 {
			if c.CallerID == 0 {
				return nil
			}
			return []uint64{c.CallerID}
		},
		Shared: true,
	},
	Write: PermManageCustomers,
}

// Normalize and Validate make Customer a record the store checks on save.
func (c *Customer) Normalize() { CustomerRecord.Normalize(c) }

func (c *Customer) Validate(today Date) error {
	if fes := CustomerRecord.Validate(c, today); len(fes) > 0 {
		return fes
	}
	return nil
}
