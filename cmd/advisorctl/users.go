package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"
)

func cmdDemo(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	n := fs.Int("advisors", 30, "number of advisors")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same office")
	customers := fs.Int("customers", 0, "number of customers, spread over the active advisors (default: two for each of the first 300)")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 {
		return firstErr(err, errUsage{"demo takes no arguments"})
	}
	file, err := storage.Open(path, &storage.Options{Now: clock})
	if err != nil {
		return err
	}
	defer file.Close()
	// A new file gets its HR administrator first: admin, with the password
	// from the environment or one made up and printed here.
	has, err := file.HasAccounts()
	if err != nil {
		return err
	}
	var db *storage.DB
	if has {
		if db, err = signInTo(file); err != nil {
			return err
		}
		if db.Who().Role != model.RoleHR {
			return errNotHR{loginName()}
		}
	} else {
		pw, made := os.Getenv(envPassword), false
		if pw == "" {
			pw, made = newPassword(), true
		}
		var code string
		if db, code, err = file.SetUp("admin", "管理员", pw); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "HR administrator: admin")
		if made {
			fmt.Fprintf(stdout, "password: %s  (change it at the first sign-in)\n", pw)
		}
		fmt.Fprintf(stdout, "recovery code: %s  (print it and keep it locked away: it resets a lost HR password)\n", code)
	}
	if err := db.LoadDemoWith(*n, *seed, *customers); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo office with %s advisors written to %s\n", i18n.Count(*n), db.Path())
	return nil
}

// newPassword is 12 characters easy to read aloud: a first password that
// its person replaces at sign-in.
func newPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 12)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func cmdSetup(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	login := fs.String("login", "admin", "the HR administrator's login")
	name := fs.String("name", "", "their name, as the log shows it")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 || *name == "" {
		return firstErr(err, errUsage{"setup needs --name NAME (and --login, default admin)"})
	}
	file, err := storage.Open(path, &storage.Options{Now: clock})
	if err != nil {
		return err
	}
	defer file.Close()
	pw, err := password(fmt.Sprintf("new password for %s: ", *login))
	if err != nil {
		return err
	}
	_, code, err := file.SetUp(*login, *name, pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "HR administrator %s created\nrecovery code: %s  (print it and keep it locked away: it resets a lost HR password)\n", *login, code)
	return nil
}

func cmdUsers(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	fs := flag.NewFlagSet("users", flag.ContinueOnError)
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", "", "hr, supervisor or advisor")
	empno := fs.String("advisor", "", "the advisor record linked to the account (employee number)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || (pos[0] == "list") != (len(pos) == 1) {
		return errUsage{"users list | add LOGIN --name NAME --role ROLE [--advisor EMPNO] | disable LOGIN | reset LOGIN"}
	}
	return withHR(path, func(db *storage.DB) error {
		if pos[0] == "list" {
			return listUsers(db, stdout, l)
		}
		login := pos[1]
		switch pos[0] {
		case "add":
			a := &model.Account{Login: login, Name: *name, Role: model.AccountRole(*role), State: model.Enabled}
			if *empno != "" {
				adv, err := lookupAdvisor(db, *empno)
				if err != nil {
					return err
				}
				a.AdvisorID = adv.ID
				if a.Name == "" {
					a.Name = adv.Name // the person the account is for
				}
			}
			pw := newPassword()
			if err := db.SaveAccount(a, pw); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "account %s added; first password: %s (to be changed at the first sign-in)\n", a.Login, pw)
			return nil
		case "disable", "reset":
			a, err := db.Accounts.ByLogin.Get(model.NormalizeLogin(login))
			if errors.Is(err, storage.ErrNotFound) {
				return model.FieldErrors{{Field: model.FieldLogin, Code: model.CodeUnknown, Arg: login}}
			}
			if err != nil {
				return err
			}
			if pos[0] == "disable" {
				a.State = model.Disabled
				if err := db.SaveAccount(a, ""); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "account %s disabled\n", a.Login)
				return nil
			}
			pw := newPassword()
			if err := db.ResetPassword(a.ID, pw); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "password of %s reset; new password: %s (to be changed at the next sign-in)\n", a.Login, pw)
			return nil
		}
		return errUsage{fmt.Sprintf("users: unknown action %q", pos[0])}
	})
}

func listUsers(db *storage.DB, stdout io.Writer, l *i18n.Labels) error {
	accounts, _, err := db.FindAccounts(model.ListQuery{Sort: model.FieldLogin})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, a := range accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Login, l.T("account_role."+string(a.Role)), l.T("state."+string(a.State)),
			a.Name, a.Advisor)
	}
	return tw.Flush()
}

func cmdAudit(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	since := fs.String("since", "", "only entries from this day on (YYYY-MM-DD)")
	who := fs.String("who", "", "only entries of this person (their name as the log shows it)")
	limit := fs.Int("limit", 100, "at most this many entries (0: all)")
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 || *limit < 0 {
		return firstErr(err, errUsage{"audit takes --since DATE, --who NAME and --limit N"})
	}
	q := model.AuditQuery{Who: *who, Limit: *limit}
	if *since != "" {
		t, err := time.ParseInLocation("2006-01-02", *since, time.Local)
		if err != nil {
			return errUsage{fmt.Sprintf("--since %q: use YYYY-MM-DD", *since)}
		}
		q.Since = t
	}
	return withHR(path, func(db *storage.DB) error {
		log, err := db.Audit(q)
		if err != nil {
			return err
		}
		return printChanges(stdout, l, log)
	})
}
