package use

import "flagiface/store"

type deps struct {
	kv    store.Store
	files store.Files
}

func (d *deps) bump(id string) {
	n, _ := d.kv.Get("n:" + id)
	d.kv.Set("n:"+id, n+"1") // want `read-modify-write of the same KV key: the value written by Store.Set comes from the Store.Get above`
}

// Silent: Files embeds the same Reader and Writer, but the flag names Store.
func (d *deps) touch(id string) {
	n, _ := d.files.Get("n:" + id)
	d.files.Set("n:"+id, n+"1")
}

func viaAlias(c store.Cache, id string) {
	n, _ := c.Get("n:" + id)
	c.Set("n:"+id, n+"1") // want `read-modify-write of the same KV key: the value written by Cache.Set comes from the Cache.Get above`
}

func viaEmbeddedField(s *store.Service, id string) {
	n, _ := s.Get("n:" + id)
	s.Set("n:"+id, n+"1") // want `read-modify-write of the same KV key: the value written by Service.Set comes from the Service.Get above`
}

// Silent: the Client itself is not named, only the Service that embeds it.
func viaClient(c *store.Client, id string) {
	n, _ := c.Get("n:" + id)
	c.Set("n:"+id, n+"1")
}
