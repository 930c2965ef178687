int split_main(int argc, char** argv);
int main(int argc, char** argv) { return split_main(argc, argv); }
