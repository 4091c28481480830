package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"advisordesk/model"
	"advisordesk/storage"

	"golang.org/x/term"
)

// Commands that read or change personal data act for a signed-in HR
// person: --user NAME (or ADVISORDESK_USER; default admin) with the password
// from ADVISORDESK_PASSWORD, else asked for on the terminal without echo.
// The store decides and logs as that person, as it does for the window.

const (
	envUser     = "ADVISORDESK_USER"
	envPassword = "ADVISORDESK_PASSWORD"
)

// user is --user, taken out of the arguments by splitGlobal.
var user string

// errNoAccounts: the file has no accounts yet.
var errNoAccounts = errors.New("this data file has no accounts yet: run `advisorctl setup` (or open it in the window) to create the HR administrator")

// errNotHR: the command needs an HR account.
type errNotHR struct{ login string }

func (e errNotHR) Error() string {
	return fmt.Sprintf("%s is not an HR account: this command needs one", e.login)
}

func loginName() string {
	if user != "" {
		return user
	}
	if u := os.Getenv(envUser); u != "" {
		return u
	}
	return "admin"
}

// stdin is where a password prompt reads; tests replace it.
var stdin io.Reader = os.Stdin

// password is ADVISORDESK_PASSWORD, or what the person types at a prompt
// (on stderr, without echo). Without either, an error says how to give it.
// An empty variable is no password (as for demo): a script that lost its
// value is not counted as a wrong sign-in towards a lockout.
func password(prompt string) (string, error) {
	if p := os.Getenv(envPassword); p != "" {
		return p, nil
	}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(os.Stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	if stdin != os.Stdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		return strings.TrimRight(line, "\r\n"), err
	}
	return "", fmt.Errorf("no password: set %s or run the command in a terminal", envPassword)
}

// signIn opens the file at path and signs in the person of the command line.
func signIn(path string) (file, db *storage.DB, err error) {
	// A file without accounts is left as it is (an older one unmigrated):
	// looked at read-only first.
	if ro, err := storage.Open(path, &storage.Options{ReadOnly: true}); err == nil {
		has, err := ro.HasAccounts()
		ro.Close()
		if err == nil && !has {
			return nil, nil, errNoAccounts
		}
	}
	file, err = storage.Open(path, &storage.Options{Now: clock})
	if err != nil {
		return nil, nil, err
	}
	db, err = signInTo(file)
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return file, db, nil
}

func signInTo(file *storage.DB) (*storage.DB, error) {
	has, err := file.HasAccounts()
	if err != nil {
		return nil, err
	}
	if !has {
		return nil, errNoAccounts
	}
	login := loginName()
	pw, err := password(fmt.Sprintf("password for %s: ", login))
	if err != nil {
		return nil, err
	}
	return file.Login(login, pw)
}

// withHR runs fn as the signed-in HR person; the file is closed after.
func withHR(path string, fn func(*storage.DB) error) error {
	return withPerson(path, true, fn)
}

// withPerson runs fn as the signed-in person, who must be HR if hr is set.
func withPerson(path string, hr bool, fn func(*storage.DB) error) error {
	file, db, err := signIn(path)
	if err != nil {
		return err
	}
	if hr && db.Who().Role != model.RoleHR {
		err = errNotHR{loginName()}
	} else {
		err = fn(db)
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return err
}
