/* Fixture: a public header that declares only one library function, so
 * every other export of libdossier counts as undeclared. */
const char *dossier_version(void);
