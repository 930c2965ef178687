int grep_main(int argc, char** argv);
int main(int argc, char** argv) { return grep_main(argc, argv); }
