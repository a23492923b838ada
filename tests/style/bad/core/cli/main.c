/* Fixture: the command line may print and exit. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("hello\n");
    exit(0);
}
