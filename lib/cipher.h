/* cipher.h - what OpenSSL's own cipher table says about a cipher name. */
#ifndef FT_CIPHER_H
#define FT_CIPHER_H

enum ft_fs { FT_FS_NO, FT_FS_YES, FT_FS_UNKNOWN };

/* Forward secrecy of an OpenSSL (or IANA) cipher suite name, from its key
 * exchange: ECDHE/DHE (and every TLS 1.3 suite) qualify; a name OpenSSL
 * does not know is FT_FS_UNKNOWN. Thread-safe. */
enum ft_fs cipher_forward_secrecy(const char *name);

#endif
