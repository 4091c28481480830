package i18n

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"

	"advisordesk/model"
)

// Message is the sentence for one field's problem, without the field's name:
// what a form shows beside the field.
func (l *Labels) Message(fe *model.FieldError) string {
	return l.T("err."+fe.Code, "Arg", fe.Arg)
}

// Explain turns an error from the store or the model into a sentence in this
// language that names the field or the file it is about.
func (l *Labels) Explain(err error) string {
	if err == nil {
		return ""
	}
	if fes, ok := model.AsFieldErrors(err); ok {
		parts := make([]string, len(fes))
		for i, fe := range fes {
			parts[i] = l.T("field."+fe.Field) + l.T("sep.colon") + l.Message(fe)
			if fe.Row > 0 {
				parts[i] = l.T("err.row", "Row", fe.Row) + l.T("sep.colon") + parts[i]
			}
		}
		return strings.Join(parts, l.T("sep.list"))
	}
	var m model.Message
	if errors.As(err, &m) {
		key, args := m.MessageKey()
		pairs := make([]any, 0, 2*len(args))
		for k, v := range args {
			pairs = append(pairs, k, l.arg(v))
		}
		return strings.TrimSpace(l.T(key, pairs...))
	}
	if errors.Is(err, context.Canceled) {
		return l.T("settings.canceled")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) {
		return l.T("err.nofile", "Path", pe.Path)
	}
	return err.Error()
}

// arg translates a message's argument that is itself a text of the
// translation files (a model.Note, with {{.N}} in its plural form), or a
// list of them, joined.
func (l *Labels) arg(v any) any {
	switch v := v.(type) {
	case model.Note:
		if n, ok := v.Args["N"].(int); ok {
			return l.N(v.Key, n)
		}
		pairs := make([]any, 0, 2*len(v.Args))
		for k, a := range v.Args {
			pairs = append(pairs, k, a)
		}
		return l.T(v.Key, pairs...)
	case []model.Note:
		parts := make([]string, len(v))
		for i, n := range v {
			parts[i] = l.arg(n).(string)
		}
		return strings.Join(parts, l.T("sep.and"))
	}
	return v
}

// FromEnv picks the language of the user's locale settings, as Fyne does:
// Chinese when LC_ALL, LC_MESSAGES, LANG or LANGUAGE starts with zh.
func FromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}
