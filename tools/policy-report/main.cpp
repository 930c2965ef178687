int report_main(int argc, char** argv);
int main(int argc, char** argv) { return report_main(argc, argv); }
