export { ruleProblem } from './validate.ts';
