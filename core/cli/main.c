/* main.c - the dossier command line (placeholder until the CLI lands). */
#include <stdio.h>

#include "dossier/version.h"

int main(void)
{
    printf("dossier %s\n", dossier_version());
    return 0;
}
