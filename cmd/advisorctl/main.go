// Command advisorctl runs the office's data file without a window: demo data,
// checks, backups, exports, printing and benchmarks. It uses the same rules
// and the same file as the AdvisorDesk window.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"advisordesk/i18n"
	"advisordesk/model"
	"advisordesk/storage"
)

const usage = `usage: advisorctl [--db FILE] [--user NAME] COMMAND [options]

commands:
  demo [--advisors N] [--seed S] [--customers N]
                                     fill an empty file with a demo office (a new file gets the HR account admin);
                                     --customers spreads N customers, each with their history, over the active advisors
  setup --login NAME --name NAME     create the HR administrator of a file without accounts; prints the recovery code
  check                              verify the whole file (exit 1 when damaged)
  reindex                            rebuild every index from the records
  backup --out FILE                  write a verified copy of the file
  restore FILE                       replace the data with a backup (the old data is kept)
  backups                            list the automatic backups of the file, newest first
  compact --out FILE                 write a compacted copy of the file
  import advisors FILE.csv|FILE.xlsx [--dry-run]
                                     add or update advisors by employee number (all rows or none)
  export advisors --format csv|xlsx [--out FILE] [--lang zh|en]
  export products|customers|receptions|sales|followups|complaints|marketnotes --format csv|xlsx [--out FILE] [--lang zh|en]
                                     the records the signed-in person reaches, masked as they see them
  import customers|products FILE.csv|FILE.xlsx [--dry-run]
                                     as the signed-in person, all rows or none: a row with the customer no. (or product code)
                                     of an export updates it, one without adds, unchanged rows are left alone
  changes [--advisor EMPNO] [--limit N]
                                     who changed what and when, newest first (50 by default)
  cycles                             list the appraisal cycles: number, name, period, stage, participants
  export appraisals [--cycle latest|ID|NAME] --format csv|xlsx [--out FILE] [--lang zh|en]
  print roster --out FILE.pdf [--lang zh|en]
  print appraisal [--cycle latest|ID|NAME] [--advisor EMPNO] [--provisional] (--out FILE.pdf | --dir FOLDER) [--lang zh|en]
  print appraisal-blank --out FILE.pdf [--lang zh|en]
  print customer-form --advisor EMPNO [--count N] [--cycle latest|ID|NAME] --out FILE.pdf [--lang zh|en]
  print followups --advisor EMPNO --out FILE.pdf [--days 7] [--lang zh|en]
                                     an advisor's open follow-up calls, overdue ones and those due in the next 7 days
                                     (or --days N), to call and sign
  print complaint --id N --out FILE.pdf [--lang zh|en]
  users list | add LOGIN [--name NAME] --role hr|supervisor|advisor [--advisor EMPNO] | disable LOGIN | reset LOGIN
                                     the accounts; add and reset print a first password to be changed at sign-in
  audit [--since YYYY-MM-DD] [--who NAME] [--limit N]
                                     the audit log: changes, sign-ins, refusals, exports, newest first
  duties --role hr|supervisor|advisor [--employee NAME] --out FILE.pdf [--lang zh|en]
                                     a role's duties and permissions sheet (岗位职责与权限)
  bench [--json] [--dir DIR]         measure saves, search and backup on this disk
        [--only import|sheets|save|customers|followups[,...]]
                                     or some parts: imports of our 100k export and hostile workbooks, printing, saves,
                                     filtering and opening customers, due calls and a walk-in's save at 100,000
        [--office F.db]              chapter 4 on a copy of F.db (demo --advisors 300 --customers 100000), not built

--db and --user may stand before or after the command; without --db the GUI's file is used.
Every command but help, check, bench and demo on a new file acts for a signed-in person (HR, but for
export and import of customers, products and market notes, which act within anyone's reach):
--user NAME (or ADVISORDESK_USER; default admin), the password from ADVISORDESK_PASSWORD or typed at a
prompt without echo.
`

// errUsage marks a mistake in the command line: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

// errDamaged: check found problems (exit status 1, the report already printed).
var errDamaged = errors.New("the file has problems")

func main() {
	storage.ServeCheck() // a child started to check a file runs here and exits
	if p, err := storage.DefaultHeadsPath(); err == nil {
		storage.RememberHeadsIn(p) // the audit log's head, for check to compare with
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	l, _ := i18n.For(i18n.FromEnv())
	err := dispatch(args, stdout, l)
	var ue errUsage
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "advisorctl: %s\n\n%s", ue.msg, usage)
		return 2
	case errors.Is(err, errDamaged):
		return 1
	}
	fmt.Fprintf(stderr, "advisorctl: %s\n", l.Explain(err))
	return 1
}

// splitGlobal takes --db PATH and --user NAME (or --db=PATH, --user=NAME)
// out of args wherever they stand.
func splitGlobal(args []string) (db, who string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, eq := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "db" && name != "user") {
			rest = append(rest, a)
			continue
		}
		if !eq {
			if i+1 >= len(args) {
				return "", "", nil, errUsage{"--" + name + " needs a value"}
			}
			value = args[i+1]
			i++
		}
		if name == "db" {
			db = value
		} else {
			who = value
		}
	}
	return db, who, rest, nil
}

func dispatch(args []string, stdout io.Writer, l *i18n.Labels) error {
	dbPath, who, args, err := splitGlobal(args)
	if err != nil {
		return err
	}
	user = who
	if len(args) == 0 {
		return errUsage{"no command"}
	}
	if dbPath == "" {
		if dbPath, err = storage.DefaultPath(); err != nil {
			return err
		}
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "demo":
		return cmdDemo(dbPath, args, stdout)
	case "setup":
		return cmdSetup(dbPath, args, stdout)
	case "users":
		return cmdUsers(dbPath, args, stdout, l)
	case "audit":
		return cmdAudit(dbPath, args, stdout, l)
	case "check":
		return cmdCheck(dbPath, args, stdout, l)
	case "reindex":
		return withHR(dbPath, func(db *storage.DB) error { return db.Reindex() })
	case "backup":
		return cmdBackup(dbPath, args, stdout)
	case "restore":
		return cmdRestore(dbPath, args, stdout)
	case "backups":
		return cmdBackups(dbPath, args, stdout, l)
	case "compact":
		return cmdCompact(dbPath, args, stdout)
	case "export":
		return cmdExport(dbPath, args, stdout)
	case "import":
		return cmdImport(dbPath, args, stdout, l)
	case "print":
		return cmdPrint(dbPath, args, stdout)
	case "cycles":
		if len(args) > 0 {
			return errUsage{"cycles takes no arguments"}
		}
		return listCycles(dbPath, l, stdout)
	case "changes":
		return cmdChanges(dbPath, args, stdout, l)
	case "bench":
		return cmdBench(dbPath, args, stdout)
	case "duties":
		return cmdDuties(dbPath, args, stdout)
	}
	return errUsage{fmt.Sprintf("unknown command %q", cmd)}
}

// parse reads a command's flags; positional arguments are returned. Flags
// may come before or after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage{fs.Name() + ": " + err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// clock, when set, is the store's clock instead of the wall clock: the golden
// test fixes it so that the demo's dates, cycles and serials and every
// printed date repeat from run to run.
var clock func() time.Time

func cmdCheck(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	if len(args) > 0 {
		return errUsage{"check takes no arguments"}
	}
	// The full check runs in a child process: bbolt can crash on a damaged
	// page, and then the child's crash is the answer.
	r, err := storage.CheckIsolated(context.Background(), path)
	var damaged *storage.DamagedError
	if errors.As(err, &damaged) {
		fmt.Fprintln(stdout, l.T("check.damaged_file", "Arg", l.Explain(err)))
		return errDamaged
	}
	if err != nil {
		return err
	}
	if r.OK() {
		fmt.Fprintln(stdout, l.T("check.ok", "Path", path, "N", i18n.Count(r.Records)))
		printToResolve(stdout, r, l)
		return nil
	}
	fmt.Fprintln(stdout, l.T("check.damaged", "Path", path, "N", i18n.Count(len(r.Problems)), "Records", i18n.Count(r.Records)))
	for _, p := range r.Problems {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
	fmt.Fprintln(stdout, l.T("check.advice"))
	printToResolve(stdout, r, l)
	return errDamaged
}

// printToResolve lists what is not damage but needs a person: names kept
// as text where a reference belongs (a supervisor no advisor was matched
// to). They do not change the exit status.
func printToResolve(stdout io.Writer, r *storage.Report, l *i18n.Labels) {
	if len(r.ToResolve) == 0 {
		return
	}
	fmt.Fprintln(stdout, l.T("check.to_resolve", "N", i18n.Count(len(r.ToResolve))))
	for _, p := range r.ToResolve {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
}

func outFlag(fs *flag.FlagSet) *string { return fs.String("out", "", "output file") }

func cmdBackup(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := outFlag(fs)
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 || *out == "" {
		return firstErr(err, errUsage{"backup needs --out FILE"})
	}
	// Read-only: a backup never changes (or migrates) its source, and works
	// on a file the user may only read.
	return withHR(path, func(db *storage.DB) error {
		if err := db.Backup(context.Background(), *out, nil); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backup written and verified: %s\n", *out)
		return nil
	})
}

func cmdRestore(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil || len(pos) != 1 {
		return firstErr(err, errUsage{"restore needs the backup FILE"})
	}
	// The current file is not opened here: it may be the damaged file the
	// restore is for. It is kept in the backups folder as it is. The person
	// signs in as an HR account of the backup that takes its place.
	pw, err := password(fmt.Sprintf("password for %s (in the backup): ", loginName()))
	if err != nil {
		return err
	}
	if err := storage.CheckHR(pos[0], loginName(), pw); err != nil {
		return err
	}
	kept, err := storage.RestoreFile(context.Background(), path, pos[0])
	if err != nil {
		return err
	}
	// The restored file's log says who put it back (a backup from before
	// accounts has no one to sign in yet: its set-up comes first).
	if file, err := storage.Open(path, &storage.Options{Now: clock}); err == nil {
		if db, err := file.Login(loginName(), pw); err == nil {
			db.NoteRestored(pos[0], kept)
		}
		file.Close()
	}
	if kept == "" {
		fmt.Fprintf(stdout, "restored %s from %s\n", path, pos[0])
		return nil
	}
	fmt.Fprintf(stdout, "restored %s from %s; the data from before is kept in %s\n", path, pos[0], kept)
	return nil
}

func cmdBackups(path string, args []string, stdout io.Writer, l *i18n.Labels) error {
	if len(args) > 0 {
		return errUsage{"backups takes no arguments"}
	}
	return withHR(path, func(db *storage.DB) error {
		copies, err := db.Backups()
		for _, c := range copies {
			where := "backups"
			if c.Second {
				where = "second"
			}
			fmt.Fprintf(stdout, "%s  %-20s %10s  verified  %-7s  %s\n", c.Taken.Format("2006-01-02 15:04:05"),
				c.Reason, i18n.Size(c.Size), where, c.Path)
		}
		if len(copies) == 0 {
			fmt.Fprintf(stdout, "no automatic backups of %s yet\n", db.Path())
		}
		return err // an unreachable second folder, after what could be listed
	})
}

func cmdCompact(path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("compact", flag.ContinueOnError)
	out := outFlag(fs)
	if pos, err := parse(fs, args); err != nil || len(pos) > 0 || *out == "" {
		return firstErr(err, errUsage{"compact needs --out FILE"})
	}
	return withHR(path, func(db *storage.DB) error {
		if err := db.CompactTo(context.Background(), *out, nil); err != nil {
			return err
		}
		before, _ := os.Stat(db.Path())
		after, _ := os.Stat(*out)
		fmt.Fprintf(stdout, "compacted copy written: %s (%s → %s bytes)\n", *out, i18n.Count(before.Size()), i18n.Count(after.Size()))
		return nil
	})
}

func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", i18n.FromEnv(), "language of the output: zh or en")
}

// sortedAdvisors feeds every advisor in employee-number order, a page of
// records at a time.
func sortedAdvisors(db *storage.DB) func(func(*model.Advisor) error) error {
	return func(fn func(*model.Advisor) error) error {
		p, err := db.Advisors.Find(storage.Query{Sort: db.Advisors.Column(model.FieldEmpNo)})
		if err != nil {
			return err
		}
		for i := 0; i < len(p.IDs); i += 500 {
			recs, err := db.Advisors.GetMany(p.IDs[i:min(i+500, len(p.IDs))])
			if err != nil {
				return err
			}
			for _, a := range recs {
				if err := fn(a); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
