/* Fixture for the style guards' own tests: every line below must be found.
 * Mentions in comments such as sprintf(x) or exit(1) must not count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bad(char *d, const char *s)
{
    const char *text = "strcpy(a, b) inside a string is fine";
    sprintf(d, "%s", s);
    strcpy(d, text);
    printf("%d\n", atoi(s));
    fprintf(stderr, "oops\n");
    abort();
    exit(1);
}
