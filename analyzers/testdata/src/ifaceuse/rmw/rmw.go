package rmw

import "ifacestore"

// Reported (kvrmw): load an account, change a field, save it: the save wrapper is keyed
// on the ID field of the account it is given and marshals that pointer.
func deposit(a *ifacestore.Accounts, id string, amount int) error {
	acct, err := a.Load(id)
	if err != nil {
		return err
	}
	acct.Balance += amount
	return a.Save(acct) // want `read-modify-write`
}

// Reported (kvrmw): a proof's attempts counted up.
func attempt(a *ifacestore.Accounts, id string) {
	p, _ := a.Load(id)
	p.Attempts++
	a.Save(p) // want `read-modify-write`
}

// Silent: a fresh account saved, nothing read.
func open(a *ifacestore.Accounts, id string) error {
	return a.Save(&ifacestore.Account{ID: id})
}

// Silent: one account read, another saved.
func copyTo(a *ifacestore.Accounts, from string, to *ifacestore.Account) error {
	acct, err := a.Load(from)
	if err != nil {
		return err
	}
	to.Balance = acct.Balance
	return a.Save(to)
}
