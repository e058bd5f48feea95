export { ModulesLoading as default } from "./_components/modules-loading";
